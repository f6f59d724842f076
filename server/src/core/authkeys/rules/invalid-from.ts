import { valueRule } from './value-rule';

export const invalidFrom = valueRule(
  {
    code: 'authkeys/invalid-from',
    severity: 'error',
    summary: 'A `from` list sshd finds invalid (empty element, CIDR with host bits set); the key is refused.',
    docs: [
      'sshd checks the `from=` list when the key is used. An empty element (`from=""`, `"192.0.2.1,"`), a prefix longer than the',
      'address, or a CIDR with host bits set (`127.0.0.1/8`; write `127.0.0.0/8`) makes it log "invalid from criteria" and refuse',
      'the key. Words that are not addresses are not errors: they are wildcard patterns, matched against the client address (and',
      'its DNS name only with `UseDNS yes`).',
    ].join('\n'),
  },
  ['from'],
  (_name, message) => `Invalid \`from\` list: ${message}.`,
);
