import { defineRule } from '../../rule';
import { showName, type SecretsFile } from '../check';
import { isBlankChar } from '../parser';

export const trailingWhitespace = defineRule<SecretsFile>({
  code: 'secrets/trailing-whitespace',
  severity: 'warning',
  summary: 'Trailing spaces or tabs are part of the password.',
  docs: [
    'rsync takes everything after the first `:` up to the end of the line as the password, **trailing spaces and tabs included**:',
    '`joe:pw ` only accepts `pw ` (with the space), and a client sending `pw` gets "password mismatch". (Observed with rsync 3.5.0.)',
    'CRLF line ends are fine: the line ends at the first CR or LF.',
    '',
    'Remove the trailing whitespace unless it really is part of the password.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      const { start, end } = entry.passwordSpan;
      let from = end;
      while (from > start && isBlankChar(doc.text.charCodeAt(from - 1))) from--;
      if (from === end) continue;
      const count = end - from;
      report(
        { start: from, end },
        `${count} trailing whitespace character${count === 1 ? ' is' : 's are'} part of ${showName(entry.name)}'s password: rsync only accepts the password with ${count === 1 ? 'it' : 'them'}.`,
        {
          fixes: [{ title: 'Remove the trailing whitespace', edits: [{ start: from, end, newText: '' }] }],
        },
      );
    }
  },
});
