import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The real-world authorized_keys fixtures (test/fixtures/authkeys/real-world/) hold placeholders
// instead of key blobs: `@NAME@` is `type base64` of the key NAME, `@NAME:blob@` its base64 only,
// `@NAME:head@` / `@NAME:tail@` the line cut in two inside the base64 (a wrapped paste), and
// `@NAME:nopad@` the key with its `=` padding lost. The unit tests fill them with keys built here
// from node:crypto (public halves only, nothing is written); the sshd tests use ssh-keygen keys.

export const FIXTURE_DIR = path.resolve(__dirname, '../../fixtures/authkeys/real-world');

export interface PublicKeyText {
  type: string;
  blob: string;
}

export type KeySet = Record<string, PublicKeyText>;

/** Every key name the fixtures use, and what ssh-keygen makes for it in the sshd tests. */
export const KEY_NAMES = [
  'ED25519',
  'ED25519B',
  'RSA',
  'RSA4096',
  'RSA1024',
  'ECDSA256',
  'ECDSA384',
  'ECDSA521',
  'DSA',
  'SKED',
  'SKEC',
  'CA',
  'CERT',
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

const PLACEHOLDER = /@([A-Z0-9]+)(?::(blob|head|tail|nopad))?@/g;
/** Where a wrapped paste cuts the base64 (a 72-column mail line minus `ssh-rsa `). */
const WRAP_AT = 64;

/** The fixture files, by name. */
export function realWorldFixtures(): string[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.authorized_keys'))
    .sort();
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}

/** Replaces every placeholder with the key it names; unknown names are left as they are. */
export function expandFixture(text: string, keys: KeySet): string {
  return text.replace(PLACEHOLDER, (whole, name: string, part: string | undefined) => {
    const key = keys[name];
    if (!key) return whole;
    switch (part) {
      case 'blob':
        return key.blob;
      case 'head':
        return `${key.type} ${key.blob.slice(0, WRAP_AT)}`;
      case 'tail':
        return key.blob.slice(WRAP_AT);
      case 'nopad':
        return `${key.type} ${key.blob.replace(/=+$/, '')}`;
      default:
        return `${key.type} ${key.blob}`;
    }
  });
}

/** The key a fixture line is about (its first placeholder), if any. */
export function keyOfLine(line: string): { name: string; part?: string } | undefined {
  const m = /@([A-Z0-9]+)(?::(blob|head|tail|nopad))?@/.exec(line);
  return m ? { name: m[1], ...(m[2] ? { part: m[2] } : {}) } : undefined;
}

function str(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function mpint(n: Buffer): Buffer {
  let v = n;
  while (v.length > 1 && v[0] === 0) v = v.subarray(1);
  return str(v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function u64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const jwk = (key: KeyObject) => key.export({ format: 'jwk' });
const b64url = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');

function ed25519(): { pub: Buffer; priv: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { pub: b64url(jwk(publicKey).x), priv: privateKey };
}

function ecdsaPoint(curve: 'P-256' | 'P-384' | 'P-521'): Buffer {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const k = jwk(publicKey);
  return Buffer.concat([Buffer.from([4]), b64url(k.x), b64url(k.y)]);
}

/** A number of exactly `bits` bits from a hash stream: enough for the line parser, which does not factor. */
function number(bits: number, seed: string): Buffer {
  const bytes = Math.ceil(bits / 8);
  let out = Buffer.alloc(0);
  for (let i = 0; out.length < bytes; i++)
    out = Buffer.concat([out, createHash('sha256').update(`${seed}/${i}`).digest()]);
  out = out.subarray(0, bytes);
  const top = bits % 8 || 8;
  out[0] = (out[0] & ((1 << top) - 1)) | (1 << (top - 1));
  out[out.length - 1] |= 1;
  return out;
}

const wire = (...parts: Buffer[]) => Buffer.concat(parts).toString('base64');

/** Public keys for every name, built in-process (the sshd tests generate theirs with ssh-keygen). */
export function syntheticKeys(seed = String(process.pid)): KeySet {
  const ed = ed25519();
  const edB = ed25519();
  const ca = ed25519();
  const user = ed25519();
  const p256 = ecdsaPoint('P-256');
  const keys: KeySet = {
    ED25519: { type: 'ssh-ed25519', blob: wire(str('ssh-ed25519'), str(ed.pub)) },
    ED25519B: { type: 'ssh-ed25519', blob: wire(str('ssh-ed25519'), str(edB.pub)) },
    CA: { type: 'ssh-ed25519', blob: wire(str('ssh-ed25519'), str(ca.pub)) },
    RSA: {
      type: 'ssh-rsa',
      blob: wire(str('ssh-rsa'), mpint(Buffer.from([1, 0, 1])), mpint(number(3072, `${seed}rsa`))),
    },
    RSA4096: {
      type: 'ssh-rsa',
      blob: wire(str('ssh-rsa'), mpint(Buffer.from([1, 0, 1])), mpint(number(4096, `${seed}rsa4096`))),
    },
    RSA1024: {
      type: 'ssh-rsa',
      blob: wire(str('ssh-rsa'), mpint(Buffer.from([1, 0, 1])), mpint(number(1024, `${seed}rsa1024`))),
    },
    ECDSA256: { type: 'ecdsa-sha2-nistp256', blob: wire(str('ecdsa-sha2-nistp256'), str('nistp256'), str(p256)) },
    ECDSA384: {
      type: 'ecdsa-sha2-nistp384',
      blob: wire(str('ecdsa-sha2-nistp384'), str('nistp384'), str(ecdsaPoint('P-384'))),
    },
    ECDSA521: {
      type: 'ecdsa-sha2-nistp521',
      blob: wire(str('ecdsa-sha2-nistp521'), str('nistp521'), str(ecdsaPoint('P-521'))),
    },
    DSA: {
      type: 'ssh-dss',
      blob: wire(
        str('ssh-dss'),
        mpint(number(1024, `${seed}p`)),
        mpint(number(160, `${seed}q`)),
        mpint(number(1023, `${seed}g`)),
        mpint(number(1022, `${seed}y`)),
      ),
    },
    SKED: {
      type: 'sk-ssh-ed25519@openssh.com',
      blob: wire(str('sk-ssh-ed25519@openssh.com'), str(ed25519().pub), str('ssh:')),
    },
    SKEC: {
      type: 'sk-ecdsa-sha2-nistp256@openssh.com',
      blob: wire(str('sk-ecdsa-sha2-nistp256@openssh.com'), str('nistp256'), str(ecdsaPoint('P-256')), str('ssh:')),
    },
  };
  // A user certificate for `user`, principals mirror, signed by `ca` (PROTOCOL.certkeys).
  const caBlob = Buffer.from(keys.CA.blob, 'base64');
  const principals = Buffer.concat([str('mirror')]);
  const body = Buffer.concat([
    str('ssh-ed25519-cert-v01@openssh.com'),
    str(createHash('sha256').update(`${seed}nonce`).digest()),
    str(user.pub),
    u64(1n),
    u32(1),
    str('heidi'),
    str(principals),
    u64(0n),
    u64(0xffffffffffffffffn),
    str(Buffer.alloc(0)),
    str(Buffer.concat([str('permit-pty'), str(Buffer.alloc(0))])),
    str(Buffer.alloc(0)),
    str(caBlob),
  ]);
  const signature = Buffer.concat([str('ssh-ed25519'), str(sign(null, body, ca.priv))]);
  keys.CERT = {
    type: 'ssh-ed25519-cert-v01@openssh.com',
    blob: Buffer.concat([body, str(signature)]).toString('base64'),
  };
  return keys;
}
