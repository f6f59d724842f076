import { defineRule } from '../../rule';
import { showName, type SecretsFile } from '../check';
import { BOM, isBlankChar } from '../parser';

export const leadingWhitespace = defineRule<SecretsFile>({
  code: 'secrets/leading-whitespace',
  severity: 'error',
  summary: 'Whitespace before the user name: rsync never finds this user.',
  docs: [
    'rsync uses a line only when it starts **exactly** with `<user>:`. Leading spaces or tabs are part of the name,',
    'so ` joe:pw` is never used for `joe`: the daemon logs "secret not found" and the login fails.',
    '(Observed with rsync 3.5.0.) Remove the whitespace: `joe:pw`.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      let end = entry.nameSpan.start;
      // An invisible byte order mark in front of the first name is the same trap as a space.
      const bom = end === 0 && doc.text.charCodeAt(0) === BOM;
      if (bom) end++;
      while (end < entry.colonOffset && isBlankChar(doc.text.charCodeAt(end))) end++;
      if (end === entry.nameSpan.start || end === entry.colonOffset) continue;
      const name = doc.text.slice(end, entry.colonOffset);
      const what = bom ? 'a UTF-8 byte order mark (invisible; saved by some Windows editors)' : 'whitespace';
      report(
        { start: entry.nameSpan.start, end: entry.colonOffset },
        `${what} before ${showName(name)}: rsync only matches lines that start exactly with ${showName(`${name}:`)}, so this line is never used.`,
        {
          fixes: [
            {
              title: bom ? 'Remove the byte order mark' : 'Remove the leading whitespace',
              edits: [{ start: entry.nameSpan.start, end, newText: '' }],
              preferred: true,
            },
          ],
        },
      );
    }
  },
});
