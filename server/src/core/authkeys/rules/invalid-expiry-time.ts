import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportOptionValueProblems } from './value-rule';

export const invalidExpiryTime = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/invalid-expiry-time',
  severity: 'error',
  summary: '`expiry-time` in a format sshd cannot read; it skips the line.',
  docs: [
    'sshd reads `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, optionally followed by `Z` (or `UTC`) for UTC; otherwise it is the',
    'server\'s local time. `2099-12-31`, `tomorrow` or `20991231 12:00` make sshd log "invalid expires time" and skip the line.',
  ],
  check: reportOptionValueProblems(
    ['expiry-time'],
    (_name, _message, value) =>
      `\`${value}\` is not a time sshd reads (\`YYYYMMDD[Z]\` or \`YYYYMMDDHHMM[SS][Z]\`): it logs "invalid expires time" and skips the line.`,
  ),
});
