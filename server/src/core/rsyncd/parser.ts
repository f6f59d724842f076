import { isBlank, PieceString, splitLines, type PhysicalLine } from '../text';
import type { Span } from '../types';

// Reads rsyncd.conf the way rsync 3.5.0's params.c does (see shared reference A1.1): `#`/`;` comment
// lines, `[section]` headers up to the first `]`, `&directives`, `name = value` split at the first
// `=`, and `\` continuation. It never throws and keeps a document span for every token.

export interface ParamEntry {
  kind: 'param';
  /** Whole logical line, continuation lines included. */
  span: Span;
  /** The name as written (trimmed). */
  name: string;
  nameSpan: Span;
  /** The name as rsync compares it: lower case, all whitespace removed. */
  key: string;
  /** The value as rsync stores it: leading/trailing whitespace trimmed, continuations joined, CRs dropped. */
  value: string;
  valueSpan: Span;
  /** Maps an index of `value` to its document offset. */
  valueOffset(index: number): number;
  equalsOffset: number;
  section: Section;
  /** The logical line ran over more than one physical line. */
  continued: boolean;
}

export type HeaderError = 'empty' | 'unterminated' | 'slash';

export interface HeaderEntry {
  kind: 'header';
  span: Span;
  /** The module name as rsync stores it: whitespace runs collapsed to one space, trimmed. */
  name: string;
  /** Span of the text between the brackets. */
  nameSpan: Span;
  /** Text after the closing `]` that rsync ignores. */
  trailing?: Span;
  error?: HeaderError;
  isGlobal: boolean;
}

export interface DirectiveEntry {
  kind: 'directive';
  span: Span;
  /** Lower-cased directive name without the `&`. */
  name: string;
  nameSpan: Span;
  argument: string;
  argumentSpan: Span;
  section: Section;
}

export interface CommentEntry {
  kind: 'comment';
  span: Span;
}

/** A line rsync logs as "Ignoring badly formed line" (no `=`). */
export interface NoEqualsEntry {
  kind: 'no-equals';
  span: Span;
  text: string;
  section: Section;
}

/** A line whose name is empty (starts with `=`): "Invalid parameter name", fatal. */
export interface EmptyNameEntry {
  kind: 'empty-name';
  span: Span;
  section: Section;
}

export type Entry = ParamEntry | HeaderEntry | DirectiveEntry | CommentEntry | NoEqualsEntry | EmptyNameEntry;

export interface Section {
  /** `undefined` for the implicit global part before the first header. */
  header?: HeaderEntry;
  /** Module name as written in the first header that opened it; `global` for global sections. */
  name: string;
  /** rsync's comparison key for merging duplicate modules: lower case without whitespace. */
  key: string;
  isGlobal: boolean;
  params: ParamEntry[];
  /** From the header (or 0) to the end of the last line before the next header. */
  span: Span;
  /** True when this section comes before the first header, i.e. is read at daemon startup. */
  beforeFirstHeader: boolean;
}

export interface RsyncdDocument {
  text: string;
  lines: PhysicalLine[];
  entries: Entry[];
  sections: Section[];
  /** The text starts with a UTF-8 byte order mark. */
  bom: boolean;
}

export function sectionKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

export function parameterKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

export function parseRsyncd(text: string): RsyncdDocument {
  const lines = splitLines(text);
  const entries: Entry[] = [];
  const sections: Section[] = [];
  let section: Section = {
    name: 'global',
    key: 'global',
    isGlobal: true,
    params: [],
    span: { start: 0, end: 0 },
    beforeFirstHeader: true,
  };
  sections.push(section);

  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    let pos = line.start;
    // A `\` that starts a line is skipped (rsync's "bogus backslash"); what follows is parsed normally.
    for (;;) {
      while (pos < line.end && isBlank(text.charCodeAt(pos))) pos++;
      if (pos < line.end && text.charCodeAt(pos) === 92 /* \ */) {
        pos++;
        continue;
      }
      break;
    }
    if (pos >= line.end) {
      index++;
      continue;
    }
    const ch = text[pos];
    if (ch === '#' || ch === ';') {
      entries.push({ kind: 'comment', span: { start: pos, end: line.end } });
      index++;
      continue;
    }
    if (ch === '&') {
      entries.push(parseDirective(text, line, pos, section));
      index++;
      continue;
    }
    const logical = joinContinuation(text, lines, index, pos);
    if (ch === '[') {
      const header = parseHeader(text, logical.piece, pos, logical.end);
      entries.push(header);
      section.span.end = lines[index - 1]?.end ?? 0;
      section = openSection(header, sections);
      index = logical.nextIndex;
      continue;
    }
    const value = logical.piece.value;
    const eq = value.indexOf('=');
    const span = { start: pos, end: logical.end };
    if (eq < 0) {
      entries.push({ kind: 'no-equals', span, text: value.trim(), section });
    } else if (value.slice(0, eq).trim() === '') {
      entries.push({ kind: 'empty-name', span, section });
    } else {
      entries.push(buildParam(value, logical.piece, eq, span, section, logical.nextIndex - index > 1));
      section.params.push(entries[entries.length - 1] as ParamEntry);
    }
    index = logical.nextIndex;
  }
  section.span.end = text.length;
  return { text, lines, entries, sections, bom: text.charCodeAt(0) === 0xfeff };
}

function openSection(header: HeaderEntry, sections: Section[]): Section {
  const section: Section = {
    header,
    name: header.isGlobal ? 'global' : header.name,
    key: header.isGlobal ? 'global' : sectionKey(header.name),
    isGlobal: header.isGlobal,
    params: [],
    span: { start: header.span.start, end: header.span.end },
    beforeFirstHeader: false,
  };
  sections.push(section);
  return section;
}

interface Logical {
  piece: PieceString;
  /** Document offset of the end of the logical line's content. */
  end: number;
  nextIndex: number;
}

/** Joins physical lines while the content ends in `\` (after trailing blanks), as params.c's Continuation(). */
function joinContinuation(text: string, lines: PhysicalLine[], index: number, start: number): Logical {
  const piece = new PieceString();
  let i = index;
  let from = start;
  for (;;) {
    const line = lines[i];
    let last = line.end;
    while (last > from && isBlank(text.charCodeAt(last - 1))) last--;
    const continues = last > from && text.charCodeAt(last - 1) === 92 && i + 1 < lines.length;
    if (!continues) {
      appendWithoutCR(piece, text, from, line.end);
      return { piece, end: line.end, nextIndex: i + 1 };
    }
    appendWithoutCR(piece, text, from, last - 1);
    i++;
    from = lines[i].start;
  }
}

/** rsync drops CR characters from values and header lines. */
function appendWithoutCR(piece: PieceString, text: string, start: number, end: number): void {
  let from = start;
  for (let cr = text.indexOf('\r', from); cr >= 0 && cr < end; cr = text.indexOf('\r', from)) {
    piece.append(text, from, cr);
    from = cr + 1;
  }
  piece.append(text, from, end);
}

function buildParam(logical: string, piece: PieceString, eq: number, span: Span, section: Section, continued: boolean): ParamEntry {
  let nameStart = 0;
  while (nameStart < eq && isBlank(logical.charCodeAt(nameStart))) nameStart++;
  let nameEnd = eq;
  while (nameEnd > nameStart && isBlank(logical.charCodeAt(nameEnd - 1))) nameEnd--;
  let valueStart = eq + 1;
  while (valueStart < logical.length && isBlank(logical.charCodeAt(valueStart))) valueStart++;
  let valueEnd = logical.length;
  while (valueEnd > valueStart && isBlank(logical.charCodeAt(valueEnd - 1))) valueEnd--;
  const name = logical.slice(nameStart, nameEnd);
  const valueStartDoc = valueStart < valueEnd ? piece.toDoc(valueStart) : piece.toDoc(eq) + 1;
  return {
    kind: 'param',
    span,
    name,
    nameSpan: { start: piece.toDoc(nameStart), end: piece.toDoc(nameEnd - 1) + 1 },
    key: parameterKey(name),
    value: logical.slice(valueStart, valueEnd),
    valueSpan: { start: valueStartDoc, end: valueStart < valueEnd ? piece.toDoc(valueEnd - 1) + 1 : valueStartDoc },
    valueOffset: (i: number) => (i >= valueEnd - valueStart ? piece.toDoc(valueEnd - 1) + 1 : piece.toDoc(valueStart + i)),
    equalsOffset: piece.toDoc(eq),
    section,
    continued,
  };
}

function parseHeader(text: string, piece: PieceString, start: number, end: number): HeaderEntry {
  const logical = piece.value;
  const close = logical.indexOf(']');
  const inner = close < 0 ? logical.slice(1) : logical.slice(1, close);
  const name = inner.replace(/[ \t\r\v\f]+/g, ' ').trim();
  const nameSpan = { start: piece.toDoc(1), end: close < 0 ? end : piece.toDoc(close) };
  let error: HeaderError | undefined;
  if (close < 0) error = 'unterminated';
  else if (name === '') error = 'empty';
  else if (name.includes('/')) error = 'slash';
  let trailing: Span | undefined;
  if (close >= 0) {
    const after = piece.toDoc(close) + 1;
    if (text.slice(after, end).trim() !== '') trailing = { start: after, end };
  }
  return {
    kind: 'header',
    span: { start, end },
    name,
    nameSpan,
    ...(trailing ? { trailing } : {}),
    ...(error ? { error } : {}),
    isGlobal: !error && sectionKey(name) === 'global',
  };
}

function parseDirective(text: string, line: PhysicalLine, start: number, section: Section): DirectiveEntry {
  let pos = start + 1;
  while (pos < line.end && !isBlank(text.charCodeAt(pos)) && text[pos] !== '=') pos++;
  const nameSpan = { start: start + 1, end: pos };
  while (pos < line.end && isBlank(text.charCodeAt(pos))) pos++;
  if (text[pos] === '=') pos++;
  while (pos < line.end && isBlank(text.charCodeAt(pos))) pos++;
  let argEnd = line.end;
  while (argEnd > pos && isBlank(text.charCodeAt(argEnd - 1))) argEnd--;
  return {
    kind: 'directive',
    span: { start, end: line.end },
    name: text.slice(nameSpan.start, nameSpan.end).toLowerCase(),
    nameSpan,
    argument: text.slice(pos, argEnd),
    argumentSpan: { start: pos, end: argEnd },
    section,
  };
}
