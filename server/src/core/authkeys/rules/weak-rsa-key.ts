import { defineRule } from '../../rule';
import { cleanLines } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const weakRsaKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/weak-rsa-key',
  severity: 'warning',
  summary: 'An RSA key under 2048 bits.',
  docs: [
    'sshd 9.2 still accepts RSA keys from 1024 bits (`RequiredRSASize 1024`), but keys under 2048 bits are considered breakable',
    'and newer OpenSSH releases raise the limit. Ask for an ed25519 key, or RSA with at least 3072 bits.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      if (!line.blob || !line.decoded?.ok) continue;
      const key = line.decoded.key;
      if (key.type.family === 'rsa' && key.bits < 2048)
        report(line.blob, `This RSA key has only ${key.bits} bits; use ed25519 or RSA with at least 3072 bits.`);
    }
  },
});
