import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportOptionValueProblems } from './value-rule';

export const invalidPermit = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/invalid-permit',
  severity: 'error',
  summary: '`permitopen`/`permitlisten` without a valid port or host; sshd skips the line.',
  docs: [
    '`permitopen="host:port"` and `permitlisten="[host:]port"` need a port: a number 1–65535, `*`, or a TCP service name from',
    '/etc/services (`www`, `rsync`; names are case-sensitive, `WWW` is not one). sshd reads the number with strtonum, so `022` and',
    '`+22` are 22, while `0x16` is nothing. The host part ends at the first `:` or `/`, so IPv6 addresses go in brackets:',
    '`permitopen="[2001:db8::1]:873"`; `2001:db8::1:873` is host `2001` with the port `db8::1:873`. Without a valid port sshd logs',
    '"invalid permission port" (a bad `[address]`: "invalid permission hostname") and skips the line.',
  ],
  check: reportOptionValueProblems(['permitopen', 'permitlisten'], (name, message) => `\`${name}\`: ${message}.`),
});
