import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { LOG_ESCAPES } from '../values';
import { forEachValue, quote, valueSpan } from './util';

/**
 * The unknown escapes of a `log format` value as [start, end) index pairs, scanned as log.c reads them:
 * `%`, apostrophes, an optional `-`, a width, apostrophes, then the letter; undefined when all are known.
 */
function badEscapes(v: string): [number, number][] | undefined {
  const bad: [number, number][] = [];
  for (let i = v.indexOf('%'); i >= 0; i = v.indexOf('%', i + 1)) {
    let j = i + 1;
    while (v[j] === "'") j++;
    if (v[j] === '-') j++;
    while (j < v.length && v[j] >= '0' && v[j] <= '9') j++;
    while (v[j] === "'") j++;
    const letter = v[j];
    if ((letter === '%' && j === i + 1) || (letter !== undefined && LOG_ESCAPES[letter])) {
      i = j;
      continue;
    }
    bad.push([i, Math.min(j + 1, v.length)]);
    i = Math.max(i, j - 1);
  }
  return bad.length ? bad : undefined;
}

export const badLogFormat = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-log-format',
  severity: 'warning',
  summary: '`log format` escape rsync does not know; it is written to the log as-is.',
  docs: [
    'An escape is `%`, optional apostrophes (more human-readable numbers), an optional `-`, an optional width, then one of',
    '`a b B c C f G h i l L m M n o p P t u U`; `%%` is a literal `%`. An unknown letter is left in the log line unchanged,',
    'silently. With `log file` set, rsync prefixes every line with `%t [%p] ` itself.',
  ],
  scope: 'section',
  check: (doc, report) => {
    forEachValue(doc, ['logformat'], badEscapes, (p, bad) => {
      for (const [start, end] of bad) {
        report(
          valueSpan(p, start, end),
          `${quote(p.value.slice(start, end))} is not a log format escape; rsync writes it unchanged. Known: %a %b %B %c %C %f %G %h %i %l %L %m %M %n %o %p %P %t %u %U and %%.`,
        );
      }
    });
  },
});
