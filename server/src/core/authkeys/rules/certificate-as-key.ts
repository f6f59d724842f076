import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

export const certificateAsKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/certificate-as-key',
  severity: 'error',
  summary: 'A certificate (`…-cert-v01@openssh.com`) as the key of a line: it never matches, nobody logs in with it.',
  docs: [
    'sshd reads a certificate on an authorized_keys line, but then compares it with the key the client offers, and a',
    "certificate never equals a plain key nor the CA key that signed a client's certificate: the line lets nobody in",
    "(observed with OpenSSH 9.2: the plain key and the certificate are both refused). Put the user's plain public key here",
    '(the `.pub` without `-cert`), or trust the signing CA with `cert-authority,principals="…" <CA public key>`.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      if (
        !line.typeInfo?.cert ||
        !line.keyType ||
        line.issues.length ||
        !line.decoded?.ok ||
        !line.decoded.key.type.cert
      )
        continue;
      report(
        line.keyType,
        `A certificate as the key of this line never matches: sshd compares it with the offered key, and neither the plain key nor a certificate equals it. Put the plain public key here, or the CA's key with \`cert-authority\`.`,
      );
    }
  },
});
