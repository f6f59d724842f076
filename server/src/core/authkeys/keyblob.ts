import { createHash, ECDH } from 'node:crypto';

// Decodes the base64 key blob of an authorized_keys line the way sshd's sshkey_read does: the blob
// must decode, be a well-formed SSH wire-format key of the type named on the line, and be consumed
// to the last byte. Also computes what `ssh-keygen -lf` prints (bits, SHA256 fingerprint, type).

type Family = 'ed25519' | 'ed25519-sk' | 'ecdsa' | 'ecdsa-sk' | 'rsa' | 'dsa';

export interface KeyTypeInfo {
  /** The canonical plain name (`ssh-rsa` for `rsa-sha2-256` too). */
  plain: string;
  family: Family;
  cert: boolean;
  curve?: 'nistp256' | 'nistp384' | 'nistp521';
  /** What ssh-keygen prints in parentheses: `ED25519`, `RSA-CERT`, `ECDSA-SK`. */
  label: string;
}

const PLAIN: Record<string, Omit<KeyTypeInfo, 'cert' | 'plain'>> = {
  'ssh-ed25519': { family: 'ed25519', label: 'ED25519' },
  'sk-ssh-ed25519@openssh.com': { family: 'ed25519-sk', label: 'ED25519-SK' },
  'ecdsa-sha2-nistp256': { family: 'ecdsa', curve: 'nistp256', label: 'ECDSA' },
  'ecdsa-sha2-nistp384': { family: 'ecdsa', curve: 'nistp384', label: 'ECDSA' },
  'ecdsa-sha2-nistp521': { family: 'ecdsa', curve: 'nistp521', label: 'ECDSA' },
  'sk-ecdsa-sha2-nistp256@openssh.com': { family: 'ecdsa-sk', curve: 'nistp256', label: 'ECDSA-SK' },
  'ssh-rsa': { family: 'rsa', label: 'RSA' },
  'ssh-dss': { family: 'dsa', label: 'DSA' },
};

/** Signature-algorithm names sshd's file parser also accepts for the key type (sshkey.c). */
const ALIASES: Record<string, string> = {
  'rsa-sha2-256': 'ssh-rsa',
  'rsa-sha2-512': 'ssh-rsa',
  'webauthn-sk-ecdsa-sha2-nistp256@openssh.com': 'sk-ecdsa-sha2-nistp256@openssh.com',
};

function certName(plain: string): string {
  const at = plain.indexOf('@');
  return at < 0 ? `${plain}-cert-v01@openssh.com` : `${plain.slice(0, at)}-cert-v01${plain.slice(at)}`;
}

/** Every key type name sshd 9.2 reads on an authorized_keys line, to its description. */
export const KEY_TYPES: ReadonlyMap<string, KeyTypeInfo> = (() => {
  const map = new Map<string, KeyTypeInfo>();
  for (const [name, info] of Object.entries(PLAIN)) {
    map.set(name, { ...info, plain: name, cert: false });
    map.set(certName(name), { ...info, plain: name, cert: true, label: `${info.label}-CERT` });
  }
  for (const [alias, plain] of Object.entries(ALIASES)) {
    map.set(alias, { ...map.get(plain)!, cert: false });
    if (plain === 'ssh-rsa') map.set(certName(alias), { ...map.get(plain)!, cert: true, label: 'RSA-CERT' });
  }
  return map;
})();

/** The names `ssh-keygen` writes, for suggestions and completion. */
export const CANONICAL_KEY_TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-dss',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const isCSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/**
 * b64_pton as sshbuf_b64tod uses it: white space anywhere is skipped; the data must end on a byte
 * boundary, or be completed by the right number of `=` (one after three characters of the last
 * quantum, two after two) with nothing but white space after them; the bits a pad leaves over must be
 * zero. A key whose `=` were lost (`…9g` for `…9g==`) is refused.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let state = 0;
  let i = 0;
  let ch: string | undefined;
  for (; i < text.length; i++) {
    ch = text[i];
    if (isCSpace(ch)) continue;
    if (ch === '=') break;
    const v = B64.indexOf(ch);
    if (v < 0) return undefined;
    switch (state) {
      case 0:
        out.push(v << 2);
        break;
      case 1:
        out[out.length - 1] |= v >> 4;
        out.push((v & 0x0f) << 4);
        break;
      case 2:
        out[out.length - 1] |= v >> 2;
        out.push((v & 0x03) << 6);
        break;
      case 3:
        out[out.length - 1] |= v;
        break;
    }
    state = (state + 1) % 4;
  }
  // The partial byte a quantum started, which holds only leftover bits until the next character.
  const leftover = state === 0 ? undefined : out.pop();
  if (i >= text.length) return state === 0 ? Uint8Array.from(out) : undefined;
  // A pad character: only valid after two or three characters of a quantum.
  if (state === 0 || state === 1) return undefined;
  i++;
  if (state === 2) {
    while (i < text.length && isCSpace(text[i])) i++;
    if (text[i] !== '=') return undefined;
    i++;
  }
  for (; i < text.length; i++) if (!isCSpace(text[i])) return undefined;
  return leftover ? undefined : Uint8Array.from(out);
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}
  get left(): number {
    return this.buf.length - this.at;
  }
  u32(): number {
    if (this.left < 4) throw new Error('truncated');
    const v =
      ((this.buf[this.at] << 24) >>> 0) +
      (this.buf[this.at + 1] << 16) +
      (this.buf[this.at + 2] << 8) +
      this.buf[this.at + 3];
    this.at += 4;
    return v;
  }
  u64(): bigint {
    const hi = BigInt(this.u32());
    return (hi << 32n) | BigInt(this.u32());
  }
  bytes(): Uint8Array {
    const n = this.u32();
    if (n > this.left) throw new Error('truncated');
    const v = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  text(): string {
    return Buffer.from(this.bytes()).toString('latin1');
  }
  /** sshbuf_get_bignum2: non-negative, leading zeros dropped. */
  mpint(): Uint8Array {
    let v = this.bytes();
    if (v.length && v[0] & 0x80) throw new Error('negative number');
    while (v.length && v[0] === 0) v = v.subarray(1);
    return v;
  }
}

function bitLength(n: Uint8Array): number {
  if (!n.length) return 0;
  return (n.length - 1) * 8 + (32 - Math.clz32(n[0]));
}

function putString(parts: Buffer[], data: Uint8Array | string): void {
  const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  parts.push(len, b);
}

function putMpint(parts: Buffer[], n: Uint8Array): void {
  putString(parts, n.length && n[0] & 0x80 ? Buffer.concat([Buffer.from([0]), Buffer.from(n)]) : n);
}

const NODE_CURVE = { nistp256: 'prime256v1', nistp384: 'secp384r1', nistp521: 'secp521r1' } as const;
const CURVE_BITS = { nistp256: 256, nistp384: 384, nistp521: 521 } as const;

export interface DecodedKey {
  /** Type named inside the blob. */
  type: KeyTypeInfo;
  typeName: string;
  bits: number;
  /** `SHA256:…` exactly as ssh-keygen prints it (of the plain key, also for certificates). */
  fingerprint: string;
  cert?: {
    serial: bigint;
    certType: number;
    keyId: string;
    principals: string[];
    validAfter: bigint;
    validBefore: bigint;
  };
}

export type DecodeResult = { ok: true; key: DecodedKey } | { ok: false; reason: string };

/** Parses a decoded blob; never throws. */
export function parseKeyBlob(blob: Uint8Array): DecodeResult {
  try {
    const r = new Reader(blob);
    const typeName = r.text();
    const type = KEY_TYPES.get(typeName);
    if (!type) return { ok: false, reason: `the blob holds an unknown key type \`${printable(typeName)}\`` };
    if (type.cert) r.bytes(); // nonce
    const plain: Buffer[] = [];
    putString(plain, type.plain);
    let bits = 256;
    switch (type.family) {
      case 'ed25519':
      case 'ed25519-sk': {
        const pk = r.bytes();
        if (pk.length !== 32) return { ok: false, reason: 'the ed25519 public key is not 32 bytes long' };
        putString(plain, pk);
        if (type.family === 'ed25519-sk') putString(plain, r.bytes());
        break;
      }
      case 'ecdsa':
      case 'ecdsa-sk': {
        const curve = r.text();
        if (curve !== type.curve)
          return { ok: false, reason: `the blob's curve \`${printable(curve)}\` does not match \`${type.plain}\`` };
        const q = r.bytes();
        try {
          ECDH.convertKey(Buffer.from(q), NODE_CURVE[type.curve], undefined, undefined, 'uncompressed');
        } catch {
          return { ok: false, reason: 'the ECDSA public point is not on the curve' };
        }
        putString(plain, curve);
        putString(plain, q);
        if (type.family === 'ecdsa-sk') putString(plain, r.bytes());
        bits = CURVE_BITS[type.curve];
        break;
      }
      case 'rsa': {
        const e = r.mpint();
        const n = r.mpint();
        bits = bitLength(n);
        // sshd refuses RSA keys under SSH_RSA_MINIMUM_MODULUS_SIZE (1024 bits) when it reads them.
        if (bits < 1024)
          return { ok: false, reason: `the RSA modulus has ${bits} bits; sshd refuses RSA keys under 1024 bits` };
        putMpint(plain, e);
        putMpint(plain, n);
        break;
      }
      case 'dsa': {
        const p = r.mpint();
        bits = bitLength(p);
        putMpint(plain, p);
        for (let i = 0; i < 3; i++) putMpint(plain, r.mpint());
        break;
      }
    }
    let cert: DecodedKey['cert'];
    if (type.cert) {
      const serial = r.u64();
      const certType = r.u32();
      const keyId = r.text();
      const principalsBlob = new Reader(r.bytes());
      const principals: string[] = [];
      while (principalsBlob.left > 0) principals.push(principalsBlob.text());
      const validAfter = r.u64();
      const validBefore = r.u64();
      r.bytes(); // critical options
      r.bytes(); // extensions
      r.bytes(); // reserved
      const caKey = r.bytes();
      r.bytes(); // signature
      if (certType !== 1 && certType !== 2) return { ok: false, reason: `unknown certificate type ${certType}` };
      if (!caKey.length) return { ok: false, reason: 'the certificate has no signature key' };
      cert = { serial, certType, keyId, principals, validAfter, validBefore };
    }
    if (r.left !== 0) return { ok: false, reason: `${r.left} byte(s) of trailing data after the key` };
    const fingerprint = `SHA256:${createHash('sha256').update(Buffer.concat(plain)).digest('base64').replace(/=+$/, '')}`;
    return { ok: true, key: { type, typeName, bits, fingerprint, ...(cert ? { cert } : {}) } };
  } catch (error) {
    return {
      ok: false,
      reason:
        error instanceof Error && error.message === 'negative number'
          ? 'a number in the key is negative'
          : 'the key data is truncated',
    };
  }
}

/** Decodes the base64 text of a line's key; the reason says why sshd would not read it. */
export function decodeKey(base64: string): DecodeResult {
  const blob = decodeBase64(base64);
  if (!blob) {
    const unpadded = !/=/.test(base64) && (decodeBase64(`${base64}=`) || decodeBase64(`${base64}==`));
    return {
      ok: false,
      reason: unpadded
        ? 'the key is not valid base64: its trailing `=` padding is missing'
        : 'the key is not valid base64 (a character was changed, added or lost)',
    };
  }
  if (!blob.length) return { ok: false, reason: 'the key is empty' };
  return parseKeyBlob(blob);
}

/** The line `ssh-keygen -lf` prints for a key. */
export function keygenLine(key: DecodedKey, comment: string | undefined): string {
  return `${key.bits} ${key.fingerprint} ${comment || 'no comment'} (${key.type.label})`;
}

function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
