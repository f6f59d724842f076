import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

export const corruptKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/corrupt-key',
  severity: 'error',
  summary: 'The base64 key is corrupt or truncated; sshd cannot read it and skips the line.',
  docs: [
    'The key must be valid base64 of a complete SSH public key. A character lost or added while copying, a key cut off at the',
    'end of a terminal line or wrapped onto the next one, lost `=` padding at its end, or extra bytes make sshd skip the line',
    "(logged only at DEBUG2). Copy the key again from the upstream's `.pub` file, in one piece; a wrapped key is joined by the",
    'quick fix.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      if (!line.blob || !line.decoded || line.decoded.ok) continue;
      const wrapped = line.wrapped;
      report(
        wrapped ? { start: line.blob.start, end: wrapped.end } : line.blob,
        `sshd cannot read this key: ${line.decoded.reason}. It skips the line.`,
        wrapped
          ? {
              fixes: [
                {
                  title: 'Join the key into one line',
                  preferred: true,
                  edits: [{ start: line.blob.end, end: wrapped.start, newText: '' }],
                },
              ],
            }
          : undefined,
      );
    }
  },
});
