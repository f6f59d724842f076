import type { Span } from '../types';

// Reads an rsync secrets file the way rsync 3.5.0's check_secret() (authenticate.c) does: fgets() into a 1024-byte
// buffer, then strtok(line, "\n\r"), so leading CRs are skipped and the line ends at the first CR or LF. A line is
// used when it starts *exactly* with `user:` (or `@group:`); everything after that colon, trailing blanks included,
// is the password. The parser never throws and never copies a password into anything but `passwordSpan`.

/** The daemon's fgets() buffer holds 1023 bytes of a line; the rest is read as the next "line". */
export const MAX_LINE_BYTES = 1023;

export interface SecretsLine {
  kind: 'blank' | 'comment' | 'entry' | 'no-colon';
  /** Zero-based line number. */
  line: number;
  /** The line's content as rsync sees it (leading CRs skipped, up to the first CR or LF). */
  span: Span;
  /** Offset of the physical line's first character (before any skipped CR). */
  lineStart: number;
  /** Offset just past the line break (or the text end). */
  next: number;
  /** Length of the physical line in UTF-8 bytes, CRs included, the LF excluded. */
  bytes: number;
}

export interface SecretsEntry extends SecretsLine {
  kind: 'entry';
  /** Text before the first `:`, exactly as rsync compares it (with any `@` and blanks). */
  name: string;
  nameSpan: Span;
  /** The line is an `@group:` line; `group` is the name without `@`. */
  isGroup: boolean;
  group?: string;
  colonOffset: number;
  /** Everything after the colon up to CR/LF. Read it only to measure, never to display. */
  passwordSpan: Span;
}

export interface SecretsDocument {
  text: string;
  lines: SecretsLine[];
  entries: SecretsEntry[];
}

export function isEntry(line: SecretsLine): line is SecretsEntry {
  return line.kind === 'entry';
}

export const isBlankChar = (code: number): boolean => code === 32 || code === 9 || code === 11 || code === 12;

/** U+FEFF, a UTF-8 byte order mark when it starts the file. */
export const BOM = 0xfeff;

export function parseSecrets(text: string): SecretsDocument {
  const lines: SecretsLine[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const next = Math.min(nl + 1, text.length + 1);
    // strtok() skips leading delimiters: a line that starts with CR is read from after it.
    let from = start;
    while (from < nl && text.charCodeAt(from) === 13) from++;
    let end = text.indexOf('\r', from);
    if (end < 0 || end > nl) end = nl;
    lines.push(classify(text, start, from, end, next, line, utf8Length(text, start, nl)));
    if (nl >= text.length) break;
    start = nl + 1;
    line++;
  }
  return { text, lines, entries: lines.filter(isEntry) };
}

function classify(
  text: string,
  lineStart: number,
  start: number,
  end: number,
  next: number,
  line: number,
  bytes: number,
): SecretsLine {
  const base = { line, span: { start, end }, lineStart, next, bytes };
  let first = start;
  // A UTF-8 byte order mark (Windows editors) is three more bytes in front of the first line: it keeps
  // that line from ever matching, but a `#` line behind it is still a comment to any reader.
  if (first === 0 && text.charCodeAt(0) === BOM) first++;
  while (first < end && isBlankChar(text.charCodeAt(first))) first++;
  if (first >= end) return { kind: 'blank', ...base };
  // rsync has no comment syntax: a `#` line never matches because it refuses user names starting with `#`.
  // A blank before the `#` would make it a (never used) user name; it is a comment to any reader.
  if (text[first] === '#') return { kind: 'comment', ...base };
  const colon = text.indexOf(':', start);
  if (colon < 0 || colon >= end) return { kind: 'no-colon', ...base };
  const name = text.slice(start, colon);
  const isGroup = name.startsWith('@');
  const entry: SecretsEntry = {
    kind: 'entry',
    ...base,
    name,
    nameSpan: { start, end: colon },
    isGroup,
    colonOffset: colon,
    passwordSpan: { start: colon + 1, end },
  };
  if (isGroup) entry.group = name.slice(1);
  return entry;
}

/** UTF-8 length of text[start, end) without allocating (lone surrogates count as 3 bytes, like U+FFFD). */
export function utf8Length(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Zero-length-safe description of a password for hovers: its length and whether it ends in blanks. */
export function describePassword(text: string, entry: SecretsEntry): { length: number; trailingBlanks: number } {
  const { start, end } = entry.passwordSpan;
  let trailing = 0;
  while (end - trailing > start && isBlankChar(text.charCodeAt(end - trailing - 1))) trailing++;
  return { length: [...text.slice(start, end)].length, trailingBlanks: trailing };
}
