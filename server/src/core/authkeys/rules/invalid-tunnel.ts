import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportOptionValueProblems } from './value-rule';

export const invalidTunnel = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/invalid-tunnel',
  severity: 'error',
  summary: '`tunnel` that is not a device number or `any`; sshd skips the line.',
  docs: '`tunnel="n"` takes a tun device number or `any`. Anything else makes sshd log "invalid tun device" and skip the line.',
  check: reportOptionValueProblems(
    ['tunnel'],
    (_name, message) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
  ),
});
