import { createHash } from 'node:crypto';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import type { CheckContext, Problem } from '../../../server/src/core/types';

// A syntactically valid ed25519 public key built from a fixed 32-byte point (no private key exists
// for it in this repo; ed25519 does not validate the point when the line is read).
function ed25519Blob(seed: string): string {
  const pk = createHash('sha256').update(seed).digest();
  const name = Buffer.from('ssh-ed25519');
  const len = (n: number) => Buffer.from([0, 0, 0, n]);
  return Buffer.concat([len(name.length), name, len(32), pk]).toString('base64');
}

export const BLOB = ed25519Blob('upstream');
export const KEY = `ssh-ed25519 ${BLOB} upstream@example.org`;
export const OTHER = `ssh-ed25519 ${ed25519Blob('other')} other@example.org`;

export function check(text: string, ctx: CheckContext = {}): Problem[] {
  return authorizedKeysService.validate(text, ctx);
}

export function codes(text: string, ctx: CheckContext = {}): string[] {
  return check(text, ctx).map((p) => p.code);
}

export function errors(text: string): Problem[] {
  return check(text).filter((p) => p.severity === 'error');
}

/** Applies a fix's edits (non-overlapping) to the text. */
export function applyEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}
