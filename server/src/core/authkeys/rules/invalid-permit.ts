import { valueRule } from './value-rule';

export const invalidPermit = valueRule(
  {
    code: 'authkeys/invalid-permit',
    severity: 'error',
    summary: '`permitopen`/`permitlisten` without a valid port or host; sshd skips the line.',
    docs: [
      '`permitopen="host:port"` and `permitlisten="[host:]port"` need a port: a number 1–65535, a service name from /etc/services',
      'or `*`. IPv6 addresses go in brackets: `permitopen="[2001:db8::1]:873"`. Without a port sshd logs "invalid permission port"',
      'and skips the line.',
    ].join('\n'),
  },
  ['permitopen', 'permitlisten'],
  (name, message) => `\`${name}\`: ${message}.`,
);
