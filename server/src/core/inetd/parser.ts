import type { Span } from '../types';

// Reads /etc/inetd.conf the way Debian's openbsd-inetd (0.20221205, getconfigent/skip/nextline in
// inetd.c plus the default_v4v6 patch) does:
// - fgets() lines; only the `\n` is removed, so a CR stays on the line's last word;
// - a `#` in the first column makes a comment; anywhere else it is a word like any other;
// - words are separated by spaces and tabs only;
// - whenever the reader runs out of words, a following line that starts with a space or tab goes on
//   with the entry (so every run of indented lines belongs to the line above it, unless that was a
//   comment or an empty line);
// - a first word `host:` alone sets the default listen address for the lines below;
// - fields: [host:]service, socket type, protocol[,sndbuf=N][,rcvbuf=N], wait|nowait[.max],
//   user[.group|:group], server program, then argv (argv[0] first);
// - a protocol without a trailing 4 or 6 (`tcp`, `udp`) is read twice: once for IPv4 from the whole
//   entry, and once for IPv6 from a copy of the entry's *first physical line only*.
// The parser never throws; every field keeps its span.

export interface Word extends Span {
  value: string;
}

export interface InetdEntry {
  /** Zero-based line of the entry's first physical line. */
  line: number;
  /** From the first word to the end of the last one, continuation lines included. */
  span: Span;
  /** Every word of the entry, in order. */
  words: Word[];
  /** The fields from the service name on (a `host:` written alone before it left out). */
  fields: Word[];
  /** The entry's first physical line: what the IPv6 pass of a `tcp`/`udp` entry re-reads. */
  firstLine: Span;
  /** How many of `fields` are on the first physical line. */
  fieldsOnFirstLine: number;
  /** The continuation lines (those starting with a blank), if any: their line and content. */
  continuations: { line: number; span: Span }[];
  /** The listen address written before `:` in the first word; undefined when none. */
  host?: Word;
  /** The listen address in effect: the explicit one or the last `host:` line's (`*` by default). */
  listenHost: string;
  service: Word;
  socketType?: Word;
  protocol?: Word;
  wait?: Word;
  user?: Word;
  server?: Word;
  /** The program's argv, starting with argv[0]; empty when the line has none (inetd then uses the program's base name). */
  args: Word[];
}

export interface HostLine {
  line: number;
  span: Span;
  host: string;
}

export interface CommentLine {
  line: number;
  span: Span;
  /** `#<off># ` lines: a service turned off by update-inetd(8). */
  disabledEntry?: string;
}

/** A line that is empty, or blanks only, and is not part of an entry. */
export interface EmptyLine {
  line: number;
  span: Span;
}

export interface InetdDocument {
  text: string;
  entries: InetdEntry[];
  hostLines: HostLine[];
  comments: CommentLine[];
  empties: EmptyLine[];
  /** Lines starting with a blank that begin an entry (after a comment, an empty line or at the top). */
  indentedStarts: number[];
}

interface RawLine {
  start: number;
  /** End of the content: the `\n` excluded, a CR kept (inetd keeps it). */
  end: number;
  line: number;
}

function rawLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    lines.push({ start, end: nl, line });
    start = nl + 1;
  }
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1].start === text.length) lines.pop();
  return lines;
}

const isSeparator = (c: number) => c === 32 || c === 9;

function wordsOf(text: string, from: number, to: number, out: Word[]): void {
  let i = from;
  while (i < to) {
    while (i < to && isSeparator(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isSeparator(text.charCodeAt(i))) i++;
    out.push({ start, end: i, value: text.slice(start, i) });
  }
}

const startsIndented = (text: string, l: RawLine) => l.end > l.start && isSeparator(text.charCodeAt(l.start));

export function parseInetdConf(text: string): InetdDocument {
  const doc: InetdDocument = { text, entries: [], hostLines: [], comments: [], empties: [], indentedStarts: [] };
  const lines = rawLines(text);
  let defaultHost = '*';
  for (let i = 0; i < lines.length;) {
    const first = lines[i];
    if (text.charCodeAt(first.start) === 35 /* # */) {
      const content = text.slice(first.start, first.end).replace(/\r$/, '');
      const off = /^#<off>#\s*(\S.*)$/.exec(content);
      doc.comments.push({
        line: first.line,
        span: { start: first.start, end: first.end },
        ...(off ? { disabledEntry: off[1] } : {}),
      });
      i++;
      continue;
    }
    const words: Word[] = [];
    wordsOf(text, first.start, first.end, words);
    const firstLineWords = words.length;
    const continuations: { line: number; span: Span }[] = [];
    let j = i + 1;
    while (j < lines.length && startsIndented(text, lines[j])) {
      continuations.push({ line: lines[j].line, span: { start: lines[j].start, end: lines[j].end } });
      wordsOf(text, lines[j].start, lines[j].end, words);
      j++;
    }
    const last = lines[j - 1];
    i = j;
    if (!words.length) {
      for (let k = first.line; k <= last.line; k++)
        doc.empties.push({ line: k, span: { start: lines[k].start, end: lines[k].end } });
      continue;
    }
    if (startsIndented(text, first)) doc.indentedStarts.push(first.line);
    const head = words[0];
    const colon = head.value.lastIndexOf(':');
    let host: Word | undefined;
    let service: Word = head;
    if (colon >= 0) {
      const raw = head.value.slice(0, colon);
      const bracketed = raw.startsWith('[') && raw.endsWith(']') && raw.length >= 2;
      host = { start: head.start, end: head.start + colon, value: bracketed ? raw.slice(1, -1) : raw || '*' };
      service = { start: head.start + colon + 1, end: head.end, value: head.value.slice(colon + 1) };
      if (service.value === '' && words.length === 1) {
        defaultHost = host.value;
        doc.hostLines.push({ line: first.line, span: { start: head.start, end: head.end }, host: host.value });
        continue;
      }
    }
    // `host:` followed by more words: inetd takes the next word as the service.
    const hostAlone = service.value === '' && host !== undefined;
    const fields = hostAlone ? words.slice(1) : [service, ...words.slice(1)];
    service = fields[0];
    const [, socketType, protocol, wait, user, server, ...args] = fields;
    doc.entries.push({
      line: first.line,
      span: { start: head.start, end: words[words.length - 1].end },
      words,
      fields,
      firstLine: { start: first.start, end: first.end },
      fieldsOnFirstLine: hostAlone ? Math.max(0, firstLineWords - 1) : firstLineWords,
      continuations,
      ...(host ? { host } : {}),
      listenHost: host?.value ?? defaultHost,
      service,
      ...(socketType ? { socketType } : {}),
      ...(protocol ? { protocol } : {}),
      ...(wait ? { wait } : {}),
      ...(user ? { user } : {}),
      ...(server ? { server } : {}),
      args,
    });
  }
  return doc;
}

/** The protocol without `,sndbuf=…`/`,rcvbuf=…`. */
export function protocolName(entry: InetdEntry): string | undefined {
  const value = entry.protocol?.value.replace(/\r$/, '');
  return value === undefined ? undefined : value.split(',')[0];
}

/**
 * Whether Debian's inetd reads this entry twice, for IPv4 and IPv6 (a protocol such as `tcp` or `udp`
 * without a trailing 4 or 6; not `unix`).
 */
export function readTwice(entry: InetdEntry): boolean {
  const proto = protocolName(entry);
  return proto !== undefined && proto !== 'unix' && !/[46]$/.test(proto);
}

/** `wait` or `nowait` without the `.max` rate. */
export function waitMode(entry: InetdEntry): string | undefined {
  const value = entry.wait?.value.replace(/\r$/, '');
  return value === undefined ? undefined : value.split('.')[0];
}

/** The entry's key in inetd's table: a later line with the same key replaces the earlier one. */
export function entryKey(entry: InetdEntry): string {
  return `${entry.listenHost}\u0000${entry.service.value}\u0000${protocolName(entry) ?? ''}`;
}
