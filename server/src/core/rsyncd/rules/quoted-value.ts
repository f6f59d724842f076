import { docIndex, ignoredHere } from '../doc-index';
import { quote, rsyncdRule } from './util';

const SKIP = new Set(['command', 'format', 'pattern-list', 'chmod']);

export const quotedValue = rsyncdRule(
  'quoted-value',
  'warning',
  'Value in quotes; rsync keeps the quote characters as part of the value.',
  [
    'Quotes mean nothing in rsyncd.conf: `path = "/srv/my files"` is a path that starts with a `"` character and does not exist.',
    'Write the value without quotes; inner spaces are kept as they are.',
  ],
  (doc, report) => {
    for (const p of docIndex(doc).quoted) {
      const info = p.info;
      const ignored = ignoredHere(p);
      const first = p.value.charCodeAt(0);
      if ((first !== 34 && first !== 39) || ignored || SKIP.has(info.type) || info.name === 'comment') continue;
      const m = /^(["'])(.*)\1$/s.exec(p.value);
      if (!m || p.value.length < 2) continue;
      report(p.valueSpan, `rsync keeps the quotes: ${info.name} is ${quote(p.value)}, quote characters included.`, {
        fixes: [{ title: 'Remove the quotes', preferred: true, edits: [{ ...p.valueSpan, newText: m[2] }] }],
      });
    }
  },
);
