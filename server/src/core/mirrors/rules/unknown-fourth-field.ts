import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';

export const unknownFourthField = defineRule<MirrorListFile>({
  code: 'mirrors/unknown-fourth-field',
  severity: 'error',
  summary: 'After the user runmirrors accepts only ssh options (starting with -) or a protocol 1/2 and key file.',
  docs: [
    'runmirrors looks at the **first character** after the user: `-` starts ssh options, `1` or `2` is the',
    'protocol followed by a key file. Anything else logs and mails "I don\'t know what is configured for',
    'mirror X" and skips the line.',
    '',
    'A **letter** there is worse: bash evaluates it in `[[ x -eq 1 ]]` as an unset variable under `set -u`,',
    'and the loop dies — **this and every later line are never pushed** (observed with ftpsync 20180513+nmu1).',
    '',
    'A trailing `# comment` after the user is not a comment: runmirrors sees `#` after the user and skips the line.',
    '',
    'To give a key file write `2 /path/to/key`; for other settings write ssh options such as `-p 2222`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.rest || !entry.name) continue;
      if (entry.restKind === 'unknown' && entry.rest.value.startsWith('#')) {
        report(
          entry.rest,
          `A \`#\` after the user does not start a comment for runmirrors: it says "I don't know what is configured for mirror ${entry.name.value}" and skips this line.`,
          {
            fixes: [
              {
                title: 'Remove the comment',
                edits: [{ start: entry.user?.end ?? entry.rest.start, end: entry.rest.end, newText: '' }],
                preferred: true,
              },
            ],
          },
        );
      } else if (entry.restKind === 'unknown') {
        const keyLike = /^[/.~]/.test(entry.rest.value);
        report(
          entry.rest,
          `runmirrors says "I don't know what is configured for mirror ${entry.name.value}" and skips this line: after the user it expects \`-\` options or \`1\`/\`2\` and a key file.`,
          {
            fixes: keyLike
              ? [
                  {
                    title: `Write it as protocol 2 with key file ${entry.rest.value}`,
                    edits: [{ start: entry.rest.start, end: entry.rest.start, newText: '2 ' }],
                    preferred: true,
                  },
                ]
              : [],
          },
        );
      } else if (entry.restKind === 'aborts') {
        report(
          entry.rest,
          `runmirrors stops here: ${show(entry.rest.value[0])} is read as an unset shell variable under \`set -u\`, so this line and every later one are never pushed.`,
        );
      }
    }
  },
});
