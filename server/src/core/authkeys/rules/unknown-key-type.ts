import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const unknownKeyType = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/unknown-key-type',
  severity: 'error',
  summary: 'A key type sshd does not know, or wrongly cased; sshd skips the line.',
  docs: [
    'Key type names are exact and case-sensitive: `ssh-ed25519`, `ecdsa-sha2-nistp256` (`384`, `521`), `ssh-rsa`,',
    '`sk-ssh-ed25519@openssh.com`, `sk-ecdsa-sha2-nistp256@openssh.com`, `ssh-dss`, each also with `-cert-v01@openssh.com`.',
    'sshd 9.2 also reads `rsa-sha2-256` and `rsa-sha2-512` for an RSA key. `SSH-ED25519` or `ed25519` is not read: the line is',
    'skipped and only DEBUG2 says so. Copy the line from the `.pub` file unchanged.',
  ],
  check: reportLineIssues,
});
