import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const unknownOption = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/unknown-option',
  severity: 'error',
  summary: 'An option sshd does not know; it skips the whole line.',
  docs: [
    'sshd matches option names case-insensitively (`NO-PTY` works) but otherwise exactly. Anything else — `no-foo`, `no-restrict`,',
    '`restricted`, `pty="yes"`, text after a closing quote, a carriage return inside the options, a key type joined to the',
    'options by a comma (`…,restrict,ssh-ed25519 AAAA…`) — is an "unknown key option" or leaves no key to read:',
    'sshd logs it only at `LogLevel DEBUG` and ignores the line, so the key just gets `Permission denied (publickey)`.',
    '',
    'Write one of the options of `man 8 sshd` (AUTHORIZED_KEYS FILE FORMAT). There is no `no-restrict`; to loosen `restrict`,',
    'add single permissions after it: `restrict,pty`.',
  ],
  check: reportLineIssues,
});
