import { defineRule } from '../../rule';
import { cleanLines } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const dsaKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/dsa-key',
  severity: 'warning',
  summary: 'An ssh-dss (DSA) key: the line parses, but sshd refuses its signatures.',
  docs: [
    'OpenSSH 9.2 reads ssh-dss lines, but `ssh-dss` is not in the default `PubkeyAcceptedAlgorithms`, so the login fails at',
    'signature time ("signature algorithm ssh-dss not in PubkeyAcceptedAlgorithms", INFO level). Ask the upstream for an',
    'ed25519 key (`ssh-keygen -t ed25519`).',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      if (line.typeInfo?.family === 'dsa' && line.keyType)
        report(
          line.keyType,
          'DSA keys are refused by sshd at login (ssh-dss is not an accepted signature algorithm). Use an ed25519 key.',
        );
    }
  },
});
