import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const notOpensshKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/not-openssh-key',
  severity: 'error',
  summary: 'A key in another format (RFC 4716/PuTTY, PEM) or a private key; sshd reads none of its lines.',
  docs: [
    'authorized_keys holds one OpenSSH public key per line: `ssh-ed25519 AAAA… comment`. A key exported by PuTTYgen or another',
    'SSH2 implementation (`---- BEGIN SSH2 PUBLIC KEY ----`, RFC 4716) or by openssl (`-----BEGIN PUBLIC KEY-----`) spans',
    'several lines that sshd tries one by one and skips (only DEBUG2 says so). Convert it: `ssh-keygen -i -f key.pub` for',
    'RFC 4716, `ssh-keygen -i -m PKCS8 -f key.pem` for PEM; the quick fix converts an RFC 4716 key in place.',
    '',
    'A private key (`-----BEGIN OPENSSH PRIVATE KEY-----`, a PuTTY `.ppk`) does not belong here at all: remove it and consider',
    'it exposed. The line to add is the public key, `ssh-keygen -y -f KEY` prints it.',
  ],
  check: reportLineIssues,
});
