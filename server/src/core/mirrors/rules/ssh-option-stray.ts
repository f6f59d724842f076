import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { analyzeSshOptions, beforeComment } from '../sshopts';

export const sshOptionStray = defineRule<MirrorListFile>({
  code: 'mirrors/ssh-option-stray',
  severity: 'warning',
  summary:
    'A word among the ssh options that is not an option: ssh sends it to the downstream as part of the remote command.',
  docs: [
    'runmirrors runs `ssh -n HOST … OPTIONS " sync:archive:… sync:all"`. ssh already has its host, so the first',
    'word that is not an option starts the remote command: `-4 yes` sends `yes  sync:archive: sync:all`.',
    'ftpsync, the forced command of a push key, logs "Unknown option yes ignored" and syncs; the word itself has',
    'no effect (OpenSSH 9.2, ftpsync 20180513+nmu1 observed).',
    '',
    'Remove the word, or write the option it was meant for (`-o Key=Value`). A trailing `# comment` is not reported.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind !== 'options' || !entry.rest) continue;
      const analysis = analyzeSshOptions(entry.rest);
      for (const token of beforeComment(analysis.strays, analysis)) {
        report(
          token,
          `${show(token.value)} is not an ssh option: ssh sends it to the downstream as the start of the remote command, where ftpsync ignores it.`,
          { unnecessary: true },
        );
      }
    }
  },
});
