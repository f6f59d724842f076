import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';

export const indentedComment = defineRule<InetdDocument>({
  code: 'inetd/indented-comment',
  severity: 'error',
  summary:
    'A `#` after leading blanks is no comment: inetd reads the words as arguments of the line above, or as a service.',
  docs: [
    'Only a `#` in the first column starts a comment (inetd.c: the line is skipped when its first character is',
    '`#`). An indented `# …` line continues the entry above it like any line starting with a blank: `#` and the',
    'words after it become more arguments of that program. After a comment or an empty line it is read as an',
    'entry for a service named `#`, which inetd rejects.',
    '',
    'Move the `#` to the first column.',
  ],
  check(doc, report) {
    const text = doc.text;
    const indented = new Set(doc.indentedStarts);
    for (const entry of doc.entries) {
      for (const c of entry.continuations) {
        let i = c.span.start;
        while (i < c.span.end && (text[i] === ' ' || text[i] === '\t')) i++;
        if (text[i] !== '#') continue;
        report(
          { start: c.span.start, end: c.span.end },
          `not a comment: only a \`#\` in the first column is one. inetd passes these words to the program of line ${entry.line + 1} as more arguments.`,
          {
            fixes: [
              {
                title: 'Move the `#` to the first column',
                preferred: true,
                edits: [{ start: c.span.start, end: i, newText: '' }],
              },
            ],
          },
        );
      }
      if (indented.has(entry.line) && entry.words[0].value.startsWith('#')) {
        const start = text.lastIndexOf('\n', entry.span.start - 1) + 1;
        report(
          { start, end: entry.span.end },
          'not a comment: only a `#` in the first column is one. inetd reads this line as a service named `#`.',
          {
            fixes: [
              {
                title: 'Move the `#` to the first column',
                preferred: true,
                edits: [{ start, end: entry.span.start, newText: '' }],
              },
            ],
          },
        );
      }
    }
  },
});
