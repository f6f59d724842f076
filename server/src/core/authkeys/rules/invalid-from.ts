import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportOptionValueProblems } from './value-rule';

export const invalidFrom = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/invalid-from',
  severity: 'error',
  summary: 'A `from` list sshd finds invalid (empty element, CIDR with host bits set); the key is refused.',
  docs: [
    'sshd checks the `from=` list when the key is used. An empty element (`from=""`, `"192.0.2.1,"`), a prefix longer than the',
    'address, or a CIDR with host bits set (`127.0.0.1/8`; write `127.0.0.0/8`) makes it log "invalid from criteria" and refuse',
    'the key. sshd reads addresses with getaddrinfo, which takes the short IPv4 forms of inet_aton: `10/8` is 0.0.0.10/8 and',
    '`192.0.2/24` is 192.0.0.2/24, both with host bits set (write `10.0.0.0/8`, `192.0.2.0/24`). Words that are not addresses are',
    'not errors: they are wildcard patterns, matched against the client address (and its DNS name only with `UseDNS yes`).',
  ],
  check: reportOptionValueProblems(['from'], (_name, message) => `Invalid \`from\` list: ${message}.`),
});
