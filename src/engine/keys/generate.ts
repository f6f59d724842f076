import { utils } from 'ssh2';
import { decodeKey } from '../../../server/src/core/authkeys/keyblob';
import { english, type Translate } from '../l10n';

// Key generation through ssh2: the key material is made by node:crypto's asynchronous
// generateKeyPair (libuv thread pool, so RSA 4096 does not block the extension host), and ssh2
// writes the private key in OpenSSH's own format ("-----BEGIN OPENSSH PRIVATE KEY-----"), which
// ssh-keygen and sshd read. With a passphrase, ssh2 encrypts with bcrypt-pbkdf + aes256-ctr like
// ssh-keygen; that KDF is pure JavaScript and runs on the calling thread (≈ 0.4 s at 16 rounds).

export type KeyType = 'ed25519' | 'ecdsa' | 'rsa';

export const KEY_TYPES: readonly {
  type: KeyType;
  label: string;
  detail: (t: Translate) => string;
  bits?: number;
}[] = [
  {
    type: 'ed25519',
    label: 'Ed25519',
    detail: (t) => t('default: small, fast, accepted by every OpenSSH since 6.5'),
  },
  { type: 'rsa', label: 'RSA 4096', detail: (t) => t('for downstreams with very old OpenSSH'), bits: 4096 },
  { type: 'ecdsa', label: 'ECDSA P-256', detail: (t) => t('NIST curve, when policy requires it'), bits: 256 },
];

export interface KeySpec {
  type: KeyType;
  /** RSA: 2048–16384 (default 4096); ECDSA: 256, 384 or 521 (default 256). Ignored for Ed25519. */
  bits?: number;
  comment?: string;
  /** Empty or missing: an unencrypted key, as unattended pushes need. */
  passphrase?: string;
}

export interface GeneratedKey {
  /** The private key in OpenSSH format. Never log it. */
  privateKey: string;
  /** The .pub line: `type base64 comment`. */
  publicLine: string;
  /** `SHA256:…` as ssh-keygen -l prints it. */
  fingerprint: string;
  bits: number;
}

/** The bcrypt rounds ssh-keygen uses by default (-a 16). */
const KDF_ROUNDS = 16;

export function defaultBits(type: KeyType): number | undefined {
  return type === 'rsa' ? 4096 : type === 'ecdsa' ? 256 : undefined;
}

export function validateSpec(spec: KeySpec): string | undefined {
  if (!KEY_TYPES.some((k) => k.type === spec.type))
    return `unknown key type \`${String(spec.type)}\`; use ed25519, rsa or ecdsa`;
  if (spec.bits !== undefined) {
    if (spec.type === 'rsa' && (!Number.isInteger(spec.bits) || spec.bits < 2048 || spec.bits > 16384))
      return 'RSA keys need 2048 to 16384 bits';
    if (spec.type === 'ecdsa' && ![256, 384, 521].includes(spec.bits)) return 'ECDSA keys have 256, 384 or 521 bits';
  }
  return validateComment(spec.comment ?? '');
}

/** A comment ends up on one line of authorized_keys and the .pub file. */
export function validateComment(comment: string, t: Translate = english): string | undefined {
  if (/[\r\n\0]/.test(comment)) return t('the comment must be a single line');
  return undefined;
}

/**
 * ssh2 1.17 strips every leading zero byte of an ed25519 public key, not only the BIT STRING's
 * unused-bits byte, so 1 key in 256 comes out 31 bytes long, in the .pub and inside the private key
 * file alike. Such a pair is discarded and another generated; losing 1/256 of the key space is harmless.
 */
const MAX_ATTEMPTS = 16;

export async function generateKey(spec: KeySpec): Promise<GeneratedKey> {
  const problem = validateSpec(spec);
  if (problem) throw new RangeError(problem);
  let lastReason = '';
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const keys = await generateOnce(spec);
    const publicLine = keys.public.trim();
    const decoded = decodeKey(publicLine.split(' ')[1] ?? '');
    if (decoded.ok)
      return { privateKey: keys.private, publicLine, fingerprint: decoded.key.fingerprint, bits: decoded.key.bits };
    lastReason = decoded.reason;
  }
  throw new Error(`generated public key is unreadable: ${lastReason}`);
}

function generateOnce(spec: KeySpec): Promise<{ private: string; public: string }> {
  const bits = spec.bits ?? defaultBits(spec.type);
  const options = {
    ...(bits ? { bits } : {}),
    comment: spec.comment ?? '',
    ...(spec.passphrase ? { passphrase: spec.passphrase, cipher: 'aes256-ctr', rounds: KDF_ROUNDS } : {}),
  };
  return new Promise((resolve, reject) => {
    // The overloads are per key type; the options object fits all three.
    (
      utils.generateKeyPair as (
        t: string,
        o: object,
        cb: (e: Error | null, k: { private: string; public: string }) => void,
      ) => void
    )(spec.type, options, (error, keys) => (error ? reject(error) : resolve(keys)));
  });
}
