import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { atoi } from '../values';
import { forEachValue, hasExpansion, keysOfType, quote } from './util';

const KEYS = keysOfType('int');

/** Whitespace, then `#` or `;` and anything: a would-be comment after the number. */
const COMMENT_TAIL = /^\s+[#;]/;

/** Where atoi stops reading `value`. */
function leadingNumberEnd(value: string): number {
  return /^\s*[+-]?\d*/.exec(value)![0].length;
}

/** What 0 means for each integer parameter. */
const ZERO: Record<string, string> = {
  'max connections': 'no limit',
  timeout: 'no timeout',
  port: 'port 873',
  'listen backlog': 'a backlog of 0',
  'max verbosity': 'no verbose messages',
};

export const badInteger = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-integer',
  severity: 'error',
  summary: 'Integer value with no number or trailing text; rsync silently uses 0 or the leading digits.',
  docs: [
    'Integer parameters are read with C `atoi`: the leading number counts and the rest is dropped without a word (`10m` is 10),',
    'and text with no leading number becomes **0**: `max connections = lots` means *unlimited*, `timeout = 1h` means 1 second.',
    'Write a plain decimal number.',
  ],
  scope: 'section',
  check: (doc, report) => {
    const judge = (value: string) => {
      if (hasExpansion(value)) return undefined;
      const n = atoi(value);
      // `600 # seconds`: the number is read as written and the rest is a comment, which
      // rsyncd/comment-in-value reports; an error here would be about a line that works.
      if (n.clean || (n.digits > 0 && COMMENT_TAIL.test(value.slice(leadingNumberEnd(value))))) return undefined;
      return n;
    };
    forEachValue(doc, KEYS, judge, (p, n) => {
      const info = p.info;
      const span = p.value ? p.valueSpan : p.nameSpan;
      if (n.digits === 0) {
        report(
          span,
          `${quote(p.value || '(empty)')} is not a number: rsync silently uses 0 for ${quote(info.name)} (${ZERO[info.name] ?? '0'}).`,
        );
      } else {
        report(
          span,
          `rsync reads only the leading number of ${quote(p.value)}: ${info.name} = ${n.number}; the rest is ignored.`,
          {
            fixes: [{ title: `Change to \`${n.number}\``, edits: [{ ...p.valueSpan, newText: String(n.number) }] }],
          },
        );
      }
    });
  },
});
