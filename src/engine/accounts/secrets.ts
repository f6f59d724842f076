import { randomInt } from 'node:crypto';

// Passwords and secrets-file lines for a downstream's rsync account (rsync 3.5.0 authenticate.c): the daemon
// matches a line that starts exactly with `user:` and takes everything after the colon up to the
// line end as the password, so the password must not hold a line break; trailing blanks would be
// part of it. Old rsync clients (the man page's warning) used only the first 8 characters; modern
// ones use all of it. Never log a password.

/** Letters and digits only: safe in a secrets file, in ftpsync.conf (a shell file) and in RSYNC_PASSWORD. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const PASSWORD_LENGTH = 32;

/**
 * A random password from crypto's CSPRNG (randomInt samples without modulo bias). 56 symbols
 * (look-alikes 0/O/1/l/I left out, as it is read off a screen) × 32 characters ≈ 186 bits.
 */
export function generatePassword(length = PASSWORD_LENGTH): string {
  if (!Number.isInteger(length) || length < 24) throw new RangeError('a generated password has at least 24 characters');
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * A user name rsync and the wizard both handle: no whitespace, comma or colon (they split
 * `auth users` and secrets lines), no leading `@` (a group) or `#` (a comment), no wildcard.
 */
export function validateUserName(user: string): string | undefined {
  if (!user) return 'give a user name';
  if (user.length > 64) return 'at most 64 characters';
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(user))
    return 'use letters, digits, `.`, `_` and `-` (not starting with `.` or `-`)';
  return undefined;
}

/** Users with a line in a secrets file (`user:` at the very start of a line; `#` lines are comments). */
export function secretsUsers(text: string): Set<string> {
  const users = new Set<string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) users.add(line.slice(0, colon));
  }
  return users;
}

/**
 * The file's bytes with `user:password` appended: the existing bytes are kept exactly, and a
 * newline is added before the new line only when the file does not already end with one.
 */
export function appendSecret(existing: Buffer | undefined, user: string, password: string): Buffer {
  if (validateUserName(user)) throw new RangeError(`bad user name: ${validateUserName(user)}`);
  if (/[\r\n]/.test(password)) throw new RangeError('a password cannot hold a line break');
  const before = existing ?? Buffer.alloc(0);
  const needsNewline = before.length > 0 && before[before.length - 1] !== 0x0a;
  return Buffer.concat([before, Buffer.from(`${needsNewline ? '\n' : ''}${user}:${password}\n`, 'utf8')]);
}

export interface DownstreamAccount {
  /** This rsync server's name as the downstream reaches it. */
  host: string;
  module: string;
  user: string;
  password: string;
}

/** The ftpsync.conf lines the downstream admin needs (ftpsync reads RSYNC_USER and RSYNC_PASSWORD). */
export function ftpsyncConfLines({ host, module, user, password }: DownstreamAccount): string {
  return [`RSYNC_HOST=${host}`, `RSYNC_PATH=${module}`, `RSYNC_USER=${user}`, `RSYNC_PASSWORD=${password}`].join('\n');
}
