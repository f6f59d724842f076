import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const spaceInOptions = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/space-in-options',
  severity: 'error',
  summary: 'A space or tab ends the options early (after a comma, around `=`); sshd skips the line.',
  docs: [
    'The options field ends at the first space or tab outside double quotes. In `no-pty, no-port-forwarding ssh-ed25519 …` or',
    '`command = "x" …` sshd reads the next word as the key type, cannot read a key and skips the line (logged only at DEBUG2).',
    'Write the options without spaces: `no-pty,no-port-forwarding`, `command="x"`. Spaces are fine inside quotes.',
  ],
  check: reportLineIssues,
});
