import { blobType, fingerprint, hostName } from './parse';

// What `ssh-keygen -lf` prints for a public key: `<bits> <fingerprint> <comment> (<TYPE>)`, e.g.
// `256 SHA256:… [192.0.2.1]:2222 (ED25519)`. The bits and type label follow sshkey_size() and
// sshkey_type() of OpenSSH's sshkey.c; shown before a person decides to trust an unknown host key.

/** Reads the ssh wire strings of a blob (uint32 length + bytes), stopping at the first malformed one. */
function wireStrings(blob: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (out.length < count && at + 4 <= blob.length) {
    const n = blob.readUInt32BE(at);
    if (at + 4 + n > blob.length) break;
    out.push(blob.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

/** BN_num_bits of an ssh mpint (big-endian, maybe with a leading zero byte). */
function mpintBits(m: Buffer | undefined): number {
  if (!m) return 0;
  let i = 0;
  while (i < m.length && m[i] === 0) i++;
  if (i === m.length) return 0;
  return (m.length - i - 1) * 8 + (32 - Math.clz32(m[i]));
}

const CURVE_BITS: Record<string, number> = { nistp256: 256, nistp384: 384, nistp521: 521 };

/** The key size `ssh-keygen -l` prints: modulus bits for RSA, p for DSA, the curve for ECDSA, 256 for Ed25519. */
export function keyBits(blob: Buffer): number {
  const type = blobType(blob) ?? '';
  if (type === 'ssh-ed25519' || type === 'sk-ssh-ed25519@openssh.com') return 256;
  if (type === 'sk-ecdsa-sha2-nistp256@openssh.com') return 256;
  if (type.startsWith('ecdsa-sha2-')) return CURVE_BITS[wireStrings(blob, 2)[1]?.toString('latin1') ?? ''] ?? 0;
  // ssh-rsa: string type, mpint e, mpint n. ssh-dss: string type, mpint p, q, g, y.
  if (type === 'ssh-rsa') return mpintBits(wireStrings(blob, 3)[2]);
  if (type === 'ssh-dss') return mpintBits(wireStrings(blob, 2)[1]);
  return 0;
}

const TYPE_LABEL: Record<string, string> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
  'sk-ssh-ed25519@openssh.com': 'ED25519-SK',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'ECDSA-SK',
};

/** sshkey_type(): the upper-case name in parentheses at the end of `ssh-keygen -l`'s line. */
export function keyTypeLabel(type: string): string {
  return TYPE_LABEL[type] ?? (type.startsWith('ecdsa-sha2-') ? 'ECDSA' : type.toUpperCase());
}

/** `ssh-keygen -lf` on a known_hosts line `[host]:port key`: `256 SHA256:… [host]:port (ED25519)`. */
export function fingerprintLine(host: string, port: number, blob: Buffer): string {
  return `${keyBits(blob)} ${fingerprint(blob)} ${hostName(host, port)} (${keyTypeLabel(blobType(blob) ?? '?')})`;
}
