import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const missingKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/missing-key',
  severity: 'error',
  summary: 'Options or a key type with no key data after them; sshd skips the line.',
  docs: [
    'A line needs `keytype base64` after its options, separated by a space. A line that ends after the options, or after the key',
    'type, holds no key. This often happens when a long key was wrapped onto a second line by an editor or mail program:',
    'authorized_keys has no continuation lines, so put the whole key on one line (the quick fix joins it with the next line).',
    'Beware: when the options were wrapped away from their key, sshd reads the key line on its own, without them.',
  ],
  check: reportLineIssues,
});
