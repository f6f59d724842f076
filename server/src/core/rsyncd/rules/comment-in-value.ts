import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex, ignoredHere } from '../doc-index';
import { quote, valueSpan } from './util';

export const commentInValue = defineRule<RsyncdDocument>({
  code: 'rsyncd/comment-in-value',
  severity: 'warning',
  summary: 'Trailing `# text` or `; text` after a value; rsync keeps it as part of the value.',
  docs: [
    'Only lines that *start* with `#` or `;` are comments. `path = /srv/x # mirror` sets the path to `/srv/x # mirror`.',
    'Put the comment on its own line.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of docIndex(doc).withCommentChar) {
      const info = p.info;
      const ignored = ignoredHere(p);
      // Shell commands have real comments, and `comment` is free text shown to clients.
      if (ignored || info.type === 'command' || info.name === 'comment') continue;
      const m = /\s[#;]/.exec(p.value);
      if (!m) continue;
      const tail = p.value.slice(m.index + 1);
      // In a pattern list a single wildcard word is a pattern: `exclude = *~ #*#` hides editor autosave files.
      if (info.type === 'pattern-list' && !/\s/.test(tail) && /[*?[]|#$/.test(tail.slice(1))) continue;
      let cut = m.index;
      while (cut > 0 && /\s/.test(p.value[cut - 1])) cut--;
      const lineStart = doc.text.lastIndexOf('\n', p.span.start - 1) + 1;
      const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, p.span.start))?.[0] ?? '';
      const effect = EFFECT[p.key];
      report(
        valueSpan(p, m.index + 1, p.value.length),
        `rsync keeps ${quote(tail)} as part of the value: ${info.name} is ${quote(p.value)}${effect ? `, so ${effect}` : ''}.`,
        {
          fixes: p.continued
            ? []
            : [
                {
                  title: 'Move the comment to its own line',
                  preferred: true,
                  edits: [
                    { start: lineStart, end: lineStart, newText: `${indent}${tail}\n` },
                    { start: p.valueOffset(cut), end: p.valueSpan.end, newText: '' },
                  ],
                },
              ],
        },
      );
    }
  },
});

/** What the kept comment breaks, for the values where the daemon fails on it (observed with rsync 3.5.0). */
const EFFECT: Readonly<Record<string, string>> = {
  path: 'that directory does not exist and every access fails ("chroot failed" or "chdir failed")',
  secretsfile: 'that file does not exist and every login fails ("no secrets file")',
  uid: 'no such user exists and every access fails ("invalid uid")',
  gid: 'its words become group names that do not exist and every access fails ("invalid gid")',
};
