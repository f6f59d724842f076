import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportOptionValueProblems } from './value-rule';

export const invalidEnvironment = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/invalid-environment',
  severity: 'error',
  summary: '`environment="…"` without `NAME=` or with a bad name; sshd skips the line.',
  docs: [
    'The value must be `NAME=value` with NAME made of letters, digits and `_`. Otherwise sshd logs "invalid environment string"',
    '(DEBUG level) and ignores the line — **even with `PermitUserEnvironment no`**, because the options are always parsed.',
  ],
  check: reportOptionValueProblems(['environment'], (_name, message) => `\`environment\` ${message}.`),
});
