import { defineRule } from '../../rule';
import { showName, type SecretsFile } from '../check';
import { isBlankChar } from '../parser';

export const spaceBeforeColon = defineRule<SecretsFile>({
  code: 'secrets/space-before-colon',
  severity: 'error',
  summary: 'Whitespace between the user name and the `:` makes it part of the name.',
  docs: [
    'rsync compares the start of the line with `<user>:` byte for byte. In `joe :pw` the name is `joe ` (with the space),',
    'which no client sends, so the line is never used for `joe`. Write `joe:pw`.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      let start = entry.colonOffset;
      while (start > entry.nameSpan.start && isBlankChar(doc.text.charCodeAt(start - 1))) start--;
      // Names made only of blanks are the leading-whitespace rule's problem.
      if (start === entry.colonOffset || start === entry.nameSpan.start) continue;
      const name = doc.text.slice(entry.nameSpan.start, start).trimStart();
      report(
        { start, end: entry.colonOffset },
        `whitespace between ${showName(name)} and \`:\` is part of the user name, so rsync never uses this line for ${showName(name)}.`,
        {
          fixes: [
            {
              title: 'Remove the whitespace before `:`',
              edits: [{ start, end: entry.colonOffset, newText: '' }],
              preferred: true,
            },
          ],
        },
      );
    }
  },
});
