import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex, ignoredHere } from '../doc-index';
import { quote } from './util';

const SKIP = new Set(['command', 'format', 'pattern-list', 'chmod']);

export const quotedValue = defineRule<RsyncdDocument>({
  code: 'rsyncd/quoted-value',
  severity: 'warning',
  summary: 'Value in quotes; rsync keeps the quote characters as part of the value.',
  docs: [
    'Quotes mean nothing in rsyncd.conf: `path = "/srv/my files"` is a path that starts with a `"` character and does not exist.',
    'Write the value without quotes; inner spaces are kept as they are.',
  ],
  scope: 'section',
  check: (doc, report) => {
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
});
