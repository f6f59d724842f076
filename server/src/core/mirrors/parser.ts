import type { Span } from '../types';
import { splitLines } from '../text';

// runmirrors.mirror as Debian's runmirrors (ftpsync 20180513+nmu1) reads it:
//   egrep -vs '^[[:space:]]*(#|$)' "$MIRRORS" | while read MTYPE MLNAME MHOSTNAME MUSER MSSHOPT; do …
// so a line is skipped only when it is blank or its first non-blank is `#`; `read` (without -r)
// splits on spaces and tabs, drops backslashes, keeps a trailing CR, and hands the fifth variable
// the rest of the line with its inner blanks intact.

export const PUSH_TYPES = ['all', 'staged', 'mhop'] as const;
export type PushType = (typeof PUSH_TYPES)[number];

/** The URL test runmirrors applies to the third field (REGEX_URL; bash's `.` also matches a CR). */
export const URL_PATTERN = /^([a-z.+]+):\/\/(([^@/]+)@)?([^/]+)(\/[\s\S]*)?$/;

export interface Field extends Span {
  /** The value as `read` assigns it: backslashes removed. */
  value: string;
}

export interface UrlTarget {
  scheme: string;
  user?: string;
  host: string;
  /** URL path without its leading `/`; undefined when the URL has no path. */
  archive?: string;
}

/**
 * How runmirrors treats the rest after the user:
 * - `default`: nothing there — protocol 2 and the master key (KEYFILE);
 * - `options`: starts with `-`, ssh options (no protocol flag, master key still given);
 * - `legacy`: starts with 1 or 2 — protocol, then from the third character the key file;
 * - `unknown`: "I don't know what is configured for mirror X", the line is skipped;
 * - `aborts`: a letter first — bash evaluates it as an unset variable under `set -u` and the
 *   whole loop dies, so this and every later line are never pushed. (`_` is bash's set `$_`, so a
 *   rest starting with `_` is merely `unknown`.)
 */
export type RestKind = 'default' | 'options' | 'legacy' | 'unknown' | 'aborts';

export interface MirrorEntry {
  kind: 'mirror';
  line: number;
  /** The content of the line (without the line break). */
  span: Span;
  indented: boolean;
  type: Field;
  name?: Field;
  host?: Field;
  user?: Field;
  /** MSSHOPT: everything after the user, blank-trimmed at both ends. */
  rest?: Field;
  /** Set when the host field matches runmirrors' URL pattern; user and rest are then ignored. */
  url?: UrlTarget;
  /** Third field contains `://` but runmirrors' URL pattern does not match it. */
  urlLike?: boolean;
  restKind: RestKind;
  /** Legacy form: the protocol digit and the key file (possibly empty). */
  protocol?: Field;
  /**
   * Legacy form: the key file ssh receives with `-i` — the first word of `keyRaw` (bash's `local`
   * splits the value again), empty when `keyRaw` is empty or starts with a blank.
   */
  keyFile?: Field;
  /** Legacy form: `${MSSHOPT:2}`, everything from the third character of the rest. */
  keyRaw?: Field;
  hasBackslash: boolean;
  endsWithCr: boolean;
}

export interface DelayEntry {
  kind: 'delay';
  line: number;
  span: Span;
  indented: boolean;
  keyword: Field;
  seconds?: Field;
  /** Third field; only `stage1` means something (wait for staged mirrors, at most `seconds`). */
  mode?: Field;
  /** Fourth and later fields, ignored by runmirrors. */
  ignored?: Span;
  hasBackslash: boolean;
  endsWithCr: boolean;
}

export type ListEntry = MirrorEntry | DelayEntry;

export interface MirrorListDocument {
  text: string;
  entries: ListEntry[];
  /** Lines runmirrors skips (comments, blank lines). */
  comments: { line: number; span: Span }[];
}

const isIfs = (c: string | undefined): boolean => c === ' ' || c === '\t';
// egrep's [[:space:]] also covers CR, VT and FF, so a CRLF blank line is skipped.
const SKIPPED = /^[ \t\r\v\f]*(#|$)/;

/** Splits one line like `read a b c d rest`: returns up to five fields with document offsets. */
export function readFields(text: string, start: number, end: number, count = 5): Field[] {
  const fields: Field[] = [];
  let i = start;
  while (i < end && isIfs(text[i])) i++;
  while (i < end && fields.length < count) {
    const last = fields.length === count - 1;
    const fieldStart = i;
    let value = '';
    let valueEndRaw = i;
    let valueEndLen = 0;
    while (i < end) {
      const c = text[i];
      if (c === '\\') {
        // An escaped character is literal (and never splits); a final backslash just disappears here.
        if (i + 1 < end) value += text[i + 1];
        i += 2;
        valueEndRaw = Math.min(i, end);
        valueEndLen = value.length;
        continue;
      }
      if (isIfs(c)) {
        if (!last) break;
        value += c;
        i++;
        continue;
      }
      value += c;
      i++;
      valueEndRaw = i;
      valueEndLen = value.length;
    }
    // The last variable keeps inner blanks but not trailing ones.
    fields.push({ start: fieldStart, end: valueEndRaw, value: value.slice(0, valueEndLen) });
    while (i < end && isIfs(text[i])) i++;
  }
  return fields;
}

export function parseUrl(value: string): UrlTarget | undefined {
  const m = URL_PATTERN.exec(value);
  if (!m) return undefined;
  return {
    scheme: m[1],
    ...(m[3] !== undefined ? { user: m[3] } : {}),
    host: m[4],
    ...(m[5] !== undefined ? { archive: m[5].replace(/^\//, '') } : {}),
  };
}

/**
 * What survives of a value that runmirrors' `signal` receives through `local ${!ARGS}`: the array
 * is expanded unquoted, so a value is split at blanks and only its first word is assigned (the other
 * words become bogus `local` names). Empty when the value starts with a blank.
 */
export function firstWord(value: string): string {
  const blank = /[ \t\n]/.exec(value);
  return blank ? value.slice(0, blank.index) : value;
}

function classifyRest(rest: Field | undefined): Pick<MirrorEntry, 'restKind' | 'protocol' | 'keyFile' | 'keyRaw'> {
  if (!rest || rest.value === '') return { restKind: 'default' };
  const first = rest.value[0];
  if (first === '-') return { restKind: 'options' };
  if (first === '1' || first === '2') {
    // MPROTO=${MSSHOPT:0:1}; MKEYFILE=${MSSHOPT:2} — the key starts at the third character, whatever
    // the second is; then `local` keeps only its first word (none when it starts with a blank).
    const rawValue = rest.value.slice(2);
    const keyStart = Math.min(rest.start + 2, rest.end);
    const keyValue = firstWord(rawValue);
    return {
      restKind: 'legacy',
      protocol: { start: rest.start, end: rest.start + 1, value: first },
      keyFile: { start: keyStart, end: Math.min(keyStart + keyValue.length, rest.end), value: keyValue },
      keyRaw: { start: keyStart, end: rest.end, value: rawValue },
    };
  }
  // `[[ x -eq 1 ]]` reads x as a variable: unset (a letter) kills the loop under `set -u`; `_` is set.
  if (/[A-Za-z]/.test(first)) return { restKind: 'aborts' };
  return { restKind: 'unknown' };
}

export function parseMirrorList(text: string): MirrorListDocument {
  const entries: ListEntry[] = [];
  const comments: MirrorListDocument['comments'] = [];
  for (const pl of splitLines(text)) {
    // splitLines drops a CR before LF; runmirrors does not, so look at the raw line.
    const rawEnd = pl.end < text.length && text[pl.end] === '\r' ? pl.end + 1 : pl.end;
    const raw = text.slice(pl.start, rawEnd);
    if (SKIPPED.test(raw)) {
      if (raw.trim() !== '' || pl.end > pl.start)
        comments.push({ line: pl.line, span: { start: pl.start, end: pl.end } });
      continue;
    }
    const endsWithCr = rawEnd > pl.end;
    const fields = readFields(text, pl.start, rawEnd);
    if (endsWithCr) {
      // The CR belongs to the last field for runmirrors, but ranges stay on visible text.
      const last = fields[fields.length - 1];
      if (last && last.end > pl.end) last.end = pl.end;
    }
    const hasBackslash = raw.includes('\\');
    const indented = isIfs(raw[0]);
    const span = { start: pl.start, end: pl.end };
    const [type, name, host, user, rest] = fields;
    if (type.value === 'DELAY') {
      const more = readFields(text, pl.start, pl.end, 4);
      entries.push({
        kind: 'delay',
        line: pl.line,
        span,
        indented,
        keyword: type,
        ...(name ? { seconds: name } : {}),
        ...(host ? { mode: host } : {}),
        ...(more[3] ? { ignored: { start: more[3].start, end: pl.end } } : {}),
        hasBackslash,
        endsWithCr,
      });
      continue;
    }
    const url = host ? parseUrl(host.value.replace(/\r$/, '')) : undefined;
    const entry: MirrorEntry = {
      kind: 'mirror',
      line: pl.line,
      span,
      indented,
      type,
      ...(name ? { name } : {}),
      ...(host ? { host } : {}),
      ...(user ? { user } : {}),
      ...(rest ? { rest } : {}),
      ...(url ? { url } : {}),
      ...(!url && host?.value.includes('://') ? { urlLike: true } : {}),
      ...(url ? { restKind: 'default' as const } : classifyRest(rest)),
      hasBackslash,
      endsWithCr,
    };
    entries.push(entry);
  }
  return { text, entries, comments };
}

export function isMirror(entry: ListEntry): entry is MirrorEntry {
  return entry.kind === 'mirror';
}

/** The push type, or undefined when runmirrors would not push this type. */
export function pushType(entry: MirrorEntry): PushType | undefined {
  return (PUSH_TYPES as readonly string[]).includes(entry.type.value) ? (entry.type.value as PushType) : undefined;
}

/** Host and user runmirrors really uses (URL form takes both from the URL). */
export function target(entry: MirrorEntry): { host?: string; user?: string; archive?: string } {
  if (entry.url)
    return {
      host: entry.url.host,
      user: entry.url.user ?? '',
      ...(entry.url.archive !== undefined ? { archive: entry.url.archive } : {}),
    };
  return {
    ...(entry.host ? { host: entry.host.value } : {}),
    ...(entry.user ? { user: entry.user.value.replace(/\r$/, '') } : {}),
  };
}
