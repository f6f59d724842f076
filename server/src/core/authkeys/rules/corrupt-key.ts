import type { Rule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

export const corruptKey: Rule<AuthorizedKeysDocument> = {
  meta: {
    code: 'authkeys/corrupt-key',
    language: 'ssh-authorized-keys',
    severity: 'error',
    summary: 'The base64 key is corrupt or truncated; sshd cannot read it and skips the line.',
    docs: [
      'The key must be valid base64 of a complete SSH public key. A character lost or added while copying, a key cut off at the',
      'end of a terminal line, or extra bytes make sshd skip the line (logged only at DEBUG2). Copy the key again from the',
      "upstream's `.pub` file, in one piece.",
    ].join('\n'),
  },
  check(doc, report) {
    for (const line of doc.lines) {
      if (!line.blob || !line.decoded || line.decoded.ok) continue;
      report(line.blob, `sshd cannot read this key: ${line.decoded.reason}. It skips the line.`);
    }
  },
};
