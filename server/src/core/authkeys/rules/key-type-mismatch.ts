import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

export const keyTypeMismatch = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/key-type-mismatch',
  severity: 'error',
  summary: 'The key type on the line disagrees with the type inside the key; sshd skips the line.',
  docs: [
    'The base64 key starts with its own type name. sshd requires the word in front of it to name the same type (and for ECDSA the',
    'same curve): `ssh-rsa AAAAC3NzaC1lZDI1NTE5…` (an ed25519 key) is skipped, logged only at DEBUG2. `rsa-sha2-256` and',
    '`rsa-sha2-512` are accepted in front of an RSA key. Write the type the key really has, as in its `.pub` file.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      if (!line.typeInfo || !line.keyType || !line.decoded?.ok) continue;
      const inBlob = line.decoded.key;
      if (inBlob.type.plain === line.typeInfo.plain && inBlob.type.cert === line.typeInfo.cert) continue;
      report(
        line.keyType,
        `The line says \`${line.keyType.text}\` but the key is \`${inBlob.typeName}\`: sshd skips the line.`,
        {
          fixes: [
            {
              title: `Change to \`${inBlob.typeName}\``,
              preferred: true,
              edits: [{ start: line.keyType.start, end: line.keyType.end, newText: inBlob.typeName }],
            },
          ],
        },
      );
    }
  },
});
