import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, replace } from '../check';
import { analyzeSshOptions } from '../sshopts';

export const sshProtocol1 = defineRule<MirrorListFile>({
  code: 'mirrors/ssh-protocol-1',
  severity: 'error',
  summary: 'Protocol 1 makes runmirrors run `ssh -1`, which current OpenSSH refuses.',
  docs: [
    'With `1` after the user (or `-1` among the options) runmirrors adds `-1` to ssh. OpenSSH removed',
    'protocol 1 in 7.6: `ssh -1` prints "SSH protocol v.1 is no longer supported" and exits 255, so the',
    'push fails every time (OpenSSH 9.2 observed).',
    '',
    'Use `2` (or leave the field out).',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (entry.restKind === 'legacy' && entry.protocol?.value === '1') {
        report(
          entry.protocol,
          'ssh protocol 1: runmirrors runs `ssh -1`, which OpenSSH ≥ 7.6 refuses ("SSH protocol v.1 is no longer supported").',
          {
            fixes: [{ title: 'Use protocol 2', edits: [replace(entry.protocol, '2')], preferred: true }],
          },
        );
      } else if (entry.restKind === 'options' && entry.rest) {
        for (const option of analyzeSshOptions(entry.rest).options) {
          if (option.flag === '1') report(option.token, '`-1` asks for ssh protocol 1, which OpenSSH ≥ 7.6 refuses.');
        }
      }
    }
  },
});
