import { docIndex, ignoredHere } from '../doc-index';
import { quote, rsyncdRule, valueSpan } from './util';

export const commentInValue = rsyncdRule(
  'comment-in-value',
  'warning',
  'Trailing `# text` or `; text` after a value; rsync keeps it as part of the value.',
  [
    'Only lines that *start* with `#` or `;` are comments. `path = /srv/x # mirror` sets the path to `/srv/x # mirror`.',
    'Put the comment on its own line.',
  ],
  (doc, report) => {
    for (const p of docIndex(doc).withCommentChar) {
      const info = p.info;
      const ignored = ignoredHere(p);
      // Shell commands have real comments, and `comment` is free text shown to clients.
      if (ignored || info.type === 'command' || info.name === 'comment') continue;
      const m = /\s[#;]/.exec(p.value);
      if (!m) continue;
      let cut = m.index;
      while (cut > 0 && /\s/.test(p.value[cut - 1])) cut--;
      const lineStart = doc.text.lastIndexOf('\n', p.span.start - 1) + 1;
      const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, p.span.start))?.[0] ?? '';
      report(valueSpan(p, m.index + 1, p.value.length), `rsync keeps ${quote(p.value.slice(m.index + 1))} as part of the value: ${info.name} is ${quote(p.value)}.`, {
        fixes: p.continued
          ? []
          : [{ title: 'Move the comment to its own line', preferred: true, edits: [{ start: lineStart, end: lineStart, newText: `${indent}${p.value.slice(m.index + 1)}\n` }, { start: p.valueOffset(cut), end: p.valueSpan.end, newText: '' }] }],
      });
    }
  },
);
