import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { hasExpansion, isIgnored, paramsWithKey, quote, valueSpan } from './util';

const KEYS = ['incomingchmod', 'outgoingchmod'];

export const badChmod = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-chmod',
  severity: 'error',
  summary: '`incoming chmod`/`outgoing chmod` that rsync cannot parse; none of it is applied.',
  docs: [
    'The value uses `--chmod` syntax: comma-separated items, each an optional `D` (directories only) or `F` (files only), then either',
    'an octal mode (`D755`, `F644`; any number of digits, at most 07777) or `[ugoa]*` followed by one of `+ - =` and the letters `rwxXst` (or one of',
    '`u g o` to copy those bits): `Dg+s,ug+w,Fo-w`. No spaces, no empty items, one operator per item. A value rsync cannot parse is',
    'logged as `Invalid "incoming chmod" directive` when a client uploads (`outgoing chmod`: when one downloads), and the transfer',
    'goes ahead **without** any of the changes.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const key of KEYS) {
      for (const p of paramsWithKey(doc, key)) {
        if (isIgnored(p) || p.value === '' || hasExpansion(p.value)) continue;
        const bad = badItem(p.value);
        if (!bad) continue;
        const name = key === 'incomingchmod' ? 'incoming chmod' : 'outgoing chmod';
        report(
          valueSpan(p, bad.from, Math.max(bad.to, bad.from + 1)),
          `${quote(bad.text || '(empty item)')} is not a chmod item rsync accepts (${bad.why}); it logs Invalid "${name}" directive when a client ${key === 'incomingchmod' ? 'uploads' : 'downloads'} and applies none of ${quote(p.value)}.`,
        );
      }
    }
  },
});

/** One item of rsync's parse_chmod (chmod.c): who/selector letters, then an operator and permissions, or an octal mode. */
const ITEM = /^(?:[DF]*[0-7]+|[DFugoa]*[-+=](?:[rwxXst]*|[ugo]))$/;

/** The first item rsync's parser rejects, with its place in the value, or undefined. */
export function badItem(value: string): { text: string; from: number; to: number; why: string } | undefined {
  let from = 0;
  for (const text of value.split(',')) {
    const to = from + text.length;
    const why = itemProblem(text);
    if (why) return { text, from, to, why };
    from = to + 1;
  }
  return undefined;
}

function itemProblem(item: string): string | undefined {
  if (item === '') return 'empty item between commas';
  if (/\s/.test(item)) return 'spaces are not allowed';
  if (!ITEM.test(item)) return 'expected e.g. `u+rwX`, `go-w`, `Dg+s` or `D755`';
  // An octal mode may have any number of digits (leading zeros included) while its value stays within 07777.
  const octal = /^[DF]*([0-7]+)$/.exec(item);
  if (octal && parseInt(octal[1], 8) > 0o7777) return 'an octal mode above 7777';
  const selectors = /^[DFugoa]*/.exec(item)![0];
  if (selectors.includes('D') && selectors.includes('F')) return '`D` and `F` together';
  return undefined;
}
