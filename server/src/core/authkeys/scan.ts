import { KEY_TYPES } from './keyblob';
import { OPTION_WORDS } from './options';

// Small scanning steps shared by the authorized_keys line parser and its options reader: sshd's blanks
// are space and tab only.

export const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

export function wordEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && !isBlank(text[i])) i++;
  return i;
}

export function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isBlank(text[i])) i++;
  return i;
}

/** The first word is a key type (no options) when sshd knows it, or when it plainly tries to be one. */
export function startsWithKeyType(text: string, p: number, end: number): boolean {
  const we = wordEnd(text, p, end);
  const word = text.slice(p, we);
  if (KEY_TYPES.has(word)) return true;
  if (/[,="]/.test(word) || OPTION_WORDS.some((o) => o.toLowerCase() === word.toLowerCase())) return false;
  const next = text.slice(skipBlanks(text, we, end), end);
  return next.startsWith('AAAA') || /^(ssh|ecdsa|sk|rsa|dsa|webauthn)-|@openssh\.com$/i.test(word);
}
