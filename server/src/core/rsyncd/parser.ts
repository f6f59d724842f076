import { splitLines, type PhysicalLine } from '../text';
import type { Span } from '../types';

// The merged module model lives beside the parser; exported from here so other languages import one file.
export { authSettings, moduleOf, moduleViews, type AuthSettings, type ModuleView, type Setting } from './modules';

// Reads rsyncd.conf the way rsync 3.5.0's params.c does (shared reference A1.1): a character scanner
// with the same states (blank, comment, section, parameter, directive, bogus backslash), the same
// whitespace set (isspace without `\n`), the same continuation and CR handling, and NUL as end of
// input. It never throws and keeps a document span for every token.

export interface ParamEntry {
  kind: 'param';
  /** Whole logical line, continuation lines included. */
  span: Span;
  /** The name as rsync assembles it: whitespace runs collapsed to one space, trimmed. */
  name: string;
  nameSpan: Span;
  /** The name as rsync compares it: lower case, all whitespace removed. */
  key: string;
  /** The value exactly as rsync stores it (CRs dropped, continuations joined, trailing blanks trimmed). */
  value: string;
  valueSpan: Span;
  /** Maps an index of `value` to its document offset (`value.length` maps just past the value). */
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
  /** Span of the name between the brackets (or of the whole header when it has no name). */
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

/** A line rsync logs as "Ignoring badly formed line" (no `=`), or cut off by the end of the file. */
export interface NoEqualsEntry {
  kind: 'no-equals';
  span: Span;
  text: string;
  section: Section;
  /** The line is a directive (`&include` without an argument). */
  directive?: boolean;
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
  /** Module name as written in the header; `global` for global sections. */
  name: string;
  /** rsync's comparison key for merging duplicate modules: lower case without whitespace. */
  key: string;
  isGlobal: boolean;
  params: ParamEntry[];
  /** From the header (or 0) to the end of the last line before the next header. */
  span: Span;
  /** True when this section comes before the first header, i.e. is read at daemon startup. */
  beforeFirstHeader: boolean;
  /** Directives (`&include`, `&merge`) in this section. */
  directives: DirectiveEntry[];
}

export interface RsyncdDocument {
  text: string;
  lines: PhysicalLine[];
  entries: Entry[];
  sections: Section[];
  /** The text starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Offset of a NUL character at which rsync stopped reading the file. */
  endedAt?: number;
  /** Offset of the first NUL character (rsync reads it as an end of input). */
  nul?: number;
}

const NL = 10;
const EOF = -1;

/** C `isspace` (ASCII only, as in the C locale). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function sectionKey(name: string): string {
  return name.replace(/[ \t\n\v\f\r]+/g, '').toLowerCase();
}

export function parameterKey(name: string): string {
  // Most names are already keys (`path`); skip the regex work for them.
  if (!/[\sA-Z]/.test(name)) return name;
  return name.replace(/[ \t\n\v\f\r]+/g, '').toLowerCase();
}

/** rsync's strwiEQ: equal ignoring case and all whitespace. */
export function strwiEq(a: string, b: string): boolean {
  return sectionKey(a) === sectionKey(b);
}

/** A buffer of characters with the document offset each came from, like params.c's `bufr`. */
class Buf {
  codes: number[] = [];
  offsets: number[] = [];
  set(i: number, code: number, offset: number): void {
    this.codes[i] = code;
    this.offsets[i] = offset;
  }
  /** Index of the `\` ending the content before `i` (trailing blanks skipped), or -1: params.c Continuation(). */
  continuation(i: number): number {
    let pos = i - 1;
    while (pos >= 0 && isSpaceCode(this.codes[pos])) pos--;
    return pos >= 0 && this.codes[pos] === 92 ? pos : -1;
  }
}

/** The string in `buf[0..end)`, and a map from its indices back to document offsets. */
function assemble(buf: Buf, end: number): { value: string; map: (i: number) => number } {
  let value = '';
  for (let i = 0; i < end; i += 4096) value += String.fromCharCode(...buf.codes.slice(i, Math.min(end, i + 4096)));
  // Runs of consecutive document offsets; a continuation or a dropped CR starts a new run.
  const starts: number[] = [];
  const docStarts: number[] = [];
  for (let i = 0; i < end; i++) {
    if (i === 0 || buf.offsets[i] !== buf.offsets[i - 1] + 1) {
      starts.push(i);
      docStarts.push(buf.offsets[i]);
    }
  }
  const lastEnd = end > 0 ? buf.offsets[end - 1] + 1 : 0;
  const map = (k: number): number => {
    if (k >= end) return lastEnd;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return docStarts[lo] + (Math.max(0, k) - starts[lo]);
  };
  return { value, map };
}

/** Whitespace runs to one space, trimmed: how params.c assembles names. */
function collapse(s: string): string {
  // Not String#trim: that would also strip U+FEFF, which rsync keeps as a character.
  return s.replace(/[ \t\v\f\r]+/g, ' ').replace(/^ | $/g, '');
}

/** A parameter line; a class so that 50,000 of them share one `valueOffset`. */
class Param implements ParamEntry {
  readonly kind = 'param' as const;
  readonly key: string;
  constructor(
    readonly span: Span,
    readonly name: string,
    readonly nameSpan: Span,
    readonly value: string,
    readonly valueSpan: Span,
    /** Index → offset map when the value is not one contiguous slice of the document. */
    private readonly map: ((i: number) => number) | undefined,
    readonly equalsOffset: number,
    readonly section: Section,
    readonly continued: boolean,
  ) {
    this.key = parameterKey(name);
  }

  valueOffset(index: number): number {
    if (this.map) return this.map(index);
    return this.valueSpan.start + Math.max(0, Math.min(index, this.value.length));
  }
}

export function parseRsyncd(text: string): RsyncdDocument {
  return new Scanner(text).parse();
}

class Scanner {
  private pos = 0;
  private readonly entries: Entry[] = [];
  private readonly sections: Section[] = [];
  private section: Section;
  private endedAt?: number;

  constructor(private readonly text: string) {
    this.section = { name: 'global', key: 'global', isGlobal: true, params: [], directives: [], span: { start: 0, end: 0 }, beforeFirstHeader: true };
    this.sections.push(this.section);
  }

  /** getc(): the next character code, EOF at the end. */
  private get(): number {
    if (this.pos >= this.text.length) {
      this.pos = this.text.length + 1;
      return EOF;
    }
    return this.text.charCodeAt(this.pos++);
  }

  /** Offset of the character `get()` returned last. */
  private get at(): number {
    return this.pos - 1;
  }

  private eatWhitespace(): number {
    let c = this.get();
    while (isSpaceCode(c) && c !== NL) c = this.get();
    return c;
  }

  /** End of the content of the physical line holding `offset` (before CR/LF). */
  private lineEnd(offset: number): number {
    let nl = this.text.indexOf('\n', offset);
    if (nl < 0) nl = this.text.length;
    while (nl > offset && this.text.charCodeAt(nl - 1) === 13) nl--;
    return nl;
  }

  /** Span end for a construct whose last consumed character is at `pos - 1`. */
  private consumedEnd(start: number): number {
    const last = Math.min(this.pos, this.text.length + 1) - 1;
    let end = Math.min(last, this.text.length);
    if (end > start && this.text.charCodeAt(end - 1) === NL) end--;
    while (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(start, Math.min(end, this.text.length));
  }

  parse(): RsyncdDocument {
    let c = this.eatWhitespace();
    while (c > 0) {
      const start = this.at;
      if (c === NL) {
        c = this.eatWhitespace();
      } else if (c === 59 /* ; */ || c === 35 /* # */) {
        c = this.get();
        while (c !== NL && c > 0) c = this.get();
        this.entries.push({ kind: 'comment', span: { start, end: this.lineEnd(start) } });
        if (c === 0) this.endedAt = this.at;
      } else if (c === 91 /* [ */) {
        this.header(start);
        c = this.eatWhitespace();
      } else if (c === 92 /* \ */) {
        c = this.eatWhitespace();
      } else {
        if (c === 38 /* & */ || !this.simpleParameter(start)) this.parameter(c, start, c === 38);
        c = this.eatWhitespace();
      }
    }
    if (c === 0) this.endedAt = this.at;
    this.section.span.end = this.text.length;
    const text = this.text;
    let lines: PhysicalLine[] | undefined;
    return {
      text,
      // Computed on first use: validation of a large file rarely needs it.
      get lines() {
        return (lines ??= splitLines(text));
      },
      entries: this.entries,
      sections: this.sections,
      bom: this.text.charCodeAt(0) === 0xfeff,
      ...(this.endedAt !== undefined ? { endedAt: this.endedAt } : {}),
      ...(this.text.includes('\0') ? { nul: this.text.indexOf('\0') } : {}),
    };
  }

  /** params.c Section(): the name runs to the first `]`; the rest of that line is skipped. */
  private header(start: number): void {
    // Fast path: `]` on the same line, no NUL or CR before it. The name is then the collapsed slice.
    const text = this.text;
    let close = -1;
    for (let i = start + 1; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 93) {
        close = i;
        break;
      }
      if (ch === NL || ch === 0 || ch === 13) break;
    }
    if (close > 0) {
      let lineEnd = text.indexOf('\n', close);
      if (lineEnd < 0) lineEnd = text.length;
      let nul = false;
      for (let i = close; i < lineEnd && !nul; i++) nul = text.charCodeAt(i) === 0;
      if (!nul) {
        let a = start + 1;
        while (a < close && isSpaceCode(text.charCodeAt(a))) a++;
        let b = close;
        while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
        if (a < b) {
          this.pos = Math.min(lineEnd + 1, text.length + 1);
          const raw = text.slice(a, b);
          this.openHeader(start, /[\t\v\f\r ]{2}|[\t\v\f\r]/.test(raw) ? collapse(raw) : raw, { start: a, end: b }, close);
          return;
        }
      }
    }
    this.slowHeader(start);
  }

  private slowHeader(start: number): void {
    const buf = new Buf();
    let i = 0;
    let end = 0;
    let c = this.eatWhitespace();
    let error: HeaderError | undefined;
    let closeAt = -1;
    while (c > 0) {
      if (c === 93 /* ] */) {
        closeAt = this.at;
        break;
      }
      if (c === NL) {
        const k = buf.continuation(i);
        if (k < 0) break;
        i = k;
        end = k > 0 && buf.codes[k - 1] === 32 ? k - 1 : k;
        c = this.get();
      } else if (isSpaceCode(c)) {
        buf.set(end, 32, this.at);
        i = end + 1;
        c = this.eatWhitespace();
      } else {
        buf.set(i++, c, this.at);
        end = i;
        c = this.get();
      }
    }
    const { value: name } = assemble(buf, end);
    const nameSpan = end > 0 ? { start: buf.offsets[0], end: buf.offsets[end - 1] + 1 } : { start, end: start + 1 };
    let trailing: Span | undefined;
    let spanEnd: number;
    if (closeAt < 0) {
      error = 'unterminated';
      if (c === 0) this.endedAt = this.at;
      spanEnd = this.consumedEnd(start);
    } else {
      spanEnd = this.lineEnd(closeAt);
      let from = closeAt + 1;
      while (from < spanEnd && isSpaceCode(this.text.charCodeAt(from))) from++;
      if (from < spanEnd) trailing = { start: from, end: spanEnd };
      // EatComment: skip to the end of the line (a NUL ends the input).
      c = this.get();
      while (c !== NL && c > 0) c = this.get();
      if (c === 0) this.endedAt = this.at;
      if (end === 0) error = 'empty';
    }
    this.pushHeader(start, spanEnd, name, nameSpan, trailing, error);
  }

  /** A well-formed one-line header `[name]` closed at `close`. */
  private openHeader(start: number, name: string, nameSpan: Span, close: number): void {
    const spanEnd = this.lineEnd(close);
    let from = close + 1;
    while (from < spanEnd && isSpaceCode(this.text.charCodeAt(from))) from++;
    this.pushHeader(start, spanEnd, name, nameSpan, from < spanEnd ? { start: from, end: spanEnd } : undefined, undefined);
  }

  private pushHeader(start: number, spanEnd: number, name: string, nameSpan: Span, trailing: Span | undefined, error: HeaderError | undefined): void {
    const lower = sectionKey(name);
    const isGlobal = !error && lower === 'global';
    if (!error && !isGlobal && name.includes('/')) error = 'slash';
    const header: HeaderEntry = { kind: 'header', span: { start, end: spanEnd }, name, nameSpan, ...(trailing ? { trailing } : {}), ...(error ? { error } : {}), isGlobal };
    this.entries.push(header);
    this.section.span.end = start;
    this.section = {
      header,
      name: isGlobal ? 'global' : name,
      key: isGlobal ? 'global' : lower,
      isGlobal,
      params: [],
      directives: [],
      span: { start, end: spanEnd },
      beforeFirstHeader: false,
    };
    this.sections.push(this.section);
  }

  /**
   * The common case, read with string searches instead of the character scanner: one physical line with
   * no `\` at its end, no CR inside and no NUL. params.c's result is then plain slicing. False: use the scanner.
   */
  private simpleParameter(start: number): boolean {
    const text = this.text;
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = text.length;
    let end = lineEnd;
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    if (text.charCodeAt(end - 1) === 92) return false;
    let eq = -1;
    for (let i = start; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 61 && eq < 0) eq = i;
      else if (c === 0 || (c === 13 && i < end)) return false;
    }
    this.pos = Math.min(lineEnd + 1, text.length + 1);
    if (eq < 0 || eq >= end) {
      this.entries.push({ kind: 'no-equals', span: { start, end }, text: collapse(text.slice(start, end)), section: this.section });
      return true;
    }
    if (eq === start) {
      this.entries.push({ kind: 'empty-name', span: { start, end }, section: this.section });
      return true;
    }
    let nameEnd = eq;
    while (isSpaceCode(text.charCodeAt(nameEnd - 1))) nameEnd--;
    let vStart = eq + 1;
    while (vStart < end && isSpaceCode(text.charCodeAt(vStart))) vStart++;
    const raw = text.slice(start, nameEnd);
    const name = /[\t\v\f ]{2}|[\t\v\f]/.test(raw) ? collapse(raw) : raw;
    const entry = new Param({ start, end }, name, { start, end: nameEnd }, text.slice(vStart, end), { start: vStart, end }, undefined, eq, this.section, false);
    this.entries.push(entry);
    this.section.params.push(entry);
    return true;
  }

  /** params.c Parameter(): name up to the first `=` (or a blank, for `&directives`), then the value. */
  private parameter(first: number, start: number, directive: boolean): void {
    const nameBuf = new Buf();
    let i = 0;
    let end = 0;
    let c = first;
    let eqAt = -1;
    let lines = 1;
    for (;;) {
      if (c === 61 /* = */) {
        if (end === 0) {
          // "Invalid parameter name": fatal. Skip the rest of the logical line for our own reading.
          this.skipLogical();
          this.entries.push({ kind: 'empty-name', span: { start, end: this.consumedEnd(start) }, section: this.section });
          return;
        }
        eqAt = this.at;
        c = this.eatWhitespace();
        break;
      }
      if (c === NL) {
        const k = nameBuf.continuation(i);
        if (k < 0) {
          this.pushNoEquals(nameBuf, end, start, directive);
          return;
        }
        lines++;
        i = k;
        end = k > 0 && nameBuf.codes[k - 1] === 32 ? k - 1 : k;
        c = this.get();
        continue;
      }
      if (c <= 0) {
        this.pushNoEquals(nameBuf, end, start, directive);
        return;
      }
      if (directive && (c === 32 || c === 9)) {
        c = this.eatWhitespace();
        if (c === 61) c = this.eatWhitespace();
        break;
      }
      if (isSpaceCode(c)) {
        nameBuf.set(end, 32, this.at);
        i = end + 1;
        c = this.eatWhitespace();
      } else {
        nameBuf.set(i++, c, this.at);
        end = i;
        c = this.get();
      }
    }
    const name = assemble(nameBuf, end).value;
    const nameSpan = { start: nameBuf.offsets[0], end: nameBuf.offsets[end - 1] + 1 };
    // The value: CRs dropped, `\` continuation, trailing blanks trimmed (but not blanks before a `\`).
    const buf = new Buf();
    const valueStart = c > 0 && c !== NL ? this.at : -1;
    i = 0;
    let vend = 0;
    while (c > 0) {
      if (c === 13) {
        c = this.get();
      } else if (c === NL) {
        const k = buf.continuation(i);
        if (k < 0) break;
        lines++;
        i = k;
        vend = k;
        c = this.get();
      } else {
        buf.set(i++, c, this.at);
        if (!isSpaceCode(c)) vend = i;
        c = this.get();
      }
    }
    const { value, map } = assemble(buf, vend);
    const spanEnd = this.consumedEnd(start);
    const afterEq = eqAt >= 0 ? eqAt + 1 : nameSpan.end;
    const vStart = vend > 0 ? buf.offsets[0] : Math.min(valueStart >= 0 ? valueStart : afterEq, spanEnd);
    const valueSpan = { start: vStart, end: vend > 0 ? buf.offsets[vend - 1] + 1 : vStart };
    if (directive) {
      const entry: DirectiveEntry = {
        kind: 'directive',
        span: { start, end: spanEnd },
        name: name.slice(1).toLowerCase(),
        nameSpan: { start: nameSpan.start + 1 <= nameSpan.end ? nameSpan.start + 1 : nameSpan.start, end: nameSpan.end },
        argument: value,
        argumentSpan: valueSpan,
        section: this.section,
      };
      this.entries.push(entry);
      this.section.directives.push(entry);
      return;
    }
    const entry = new Param({ start, end: spanEnd }, name, nameSpan, value, valueSpan, vend === 0 ? undefined : map, eqAt, this.section, lines > 1);
    this.entries.push(entry);
    this.section.params.push(entry);
  }

  private pushNoEquals(buf: Buf, end: number, start: number, directive: boolean): void {
    const text = assemble(buf, end).value;
    this.entries.push({ kind: 'no-equals', span: { start, end: this.consumedEnd(start) }, text, section: this.section, ...(directive ? { directive: true } : {}) });
  }

  /** Consumes the rest of a logical line (with continuations); only for lines rsync rejects anyway. */
  private skipLogical(): void {
    let c = this.get();
    let lastNonBlank = -1;
    while (c > 0) {
      if (c === NL) {
        if (lastNonBlank < 0 || this.text.charCodeAt(lastNonBlank) !== 92) return;
        lastNonBlank = -1;
      } else if (!isSpaceCode(c)) lastNonBlank = this.at;
      c = this.get();
    }
  }
}
