import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';

export const ignoredAfterKey = defineRule<MirrorListFile>({
  code: 'mirrors/ignored-after-key',
  severity: 'warning',
  summary: 'Words after the key file are ignored: a line has either a key file or ssh options, not both.',
  docs: [
    'runmirrors hands the key file to its `signal` function through `local`, which splits it at blanks: only',
    'the first word becomes the key (`-i`), every further word is dropped ("not a valid identifier" on stderr',
    'for words like `-p`). So `2 /k -p 2222` connects to port 22 with key `/k` (ftpsync 20180513+nmu1 observed).',
    '',
    'Keep the key file alone after the protocol. Options for this host belong in `~/.ssh/config`',
    '(`Host mirror.example.org` / `Port 2222`), or use the options form `-p 2222` and `IdentityFile` in',
    '`~/.ssh/config`. A trailing `# comment` is not reported: dropping it is harmless.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'legacy' || !entry.keyFile || !entry.keyRaw || entry.keyFile.value === '') continue;
      const base = entry.keyFile.start + entry.keyFile.value.length;
      const after = entry.keyRaw.value.slice(entry.keyFile.value.length).replace(/\r$/, '');
      const words = [...after.matchAll(/[^ \t]+/g)].map((m) => ({ value: m[0], index: m.index }));
      const commentAt = words.findIndex((w) => w.value.startsWith('#'));
      const ignored = commentAt >= 0 ? words.slice(0, commentAt) : words;
      if (ignored.length === 0) continue;
      const last = ignored[ignored.length - 1];
      const start = Math.min(base + ignored[0].index, entry.keyRaw.end);
      const end = Math.min(base + last.index + last.value.length, entry.keyRaw.end);
      const options = ignored.some((w) => w.value.startsWith('-'))
        ? ' A line takes either a key file or ssh options; put the options in ~/.ssh/config.'
        : '';
      report(
        { start, end },
        `runmirrors ignores ${ignored.map((w) => show(w.value)).join(' ')}: only the key file ${show(entry.keyFile.value)} reaches ssh.${options}`,
        {
          unnecessary: true,
          fixes: [
            {
              title: 'Remove the ignored words',
              edits: [{ start: Math.min(base, entry.keyRaw.end), end, newText: '' }],
            },
          ],
        },
      );
    }
  },
});
