import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { analyzeSshOptions, beforeComment } from '../sshopts';

export const unknownSshOption = defineRule<MirrorListFile>({
  code: 'mirrors/unknown-ssh-option',
  severity: 'error',
  summary: 'ssh does not know this option: it prints its usage and the push fails.',
  docs: [
    'The words after the user are handed to ssh as options. An unknown flag makes ssh print "unknown option"',
    'and its usage and exit 255: the downstream is never signalled (OpenSSH 9.2 observed).',
    '',
    'Words that are not options at all are `mirrors/ssh-option-stray`.',
    '',
    'Options worth using here: `-p port`, `-i keyfile`, `-4`/`-6`, `-o Key=Value`, `-F configfile`, `-J jump`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      for (const token of beforeComment(analysis.unknown, analysis))
        report(token, `ssh does not know option ${show(token.value)}; it prints its usage and the push fails.`);
    }
  },
});
