import type { Span } from '../types';
import { isSpaceCode, type DirectiveEntry, type HeaderError, type RsyncdDocument } from './model';
import { assemble, Buf, collapse, needsCollapse } from './scan-parts';
import { DocumentBuilder, type ScanState } from './scan-document';
import { CharReader } from './scan-reader';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call,
// which shows in per-character loops.
const isSpaceCodeLocal = isSpaceCode;

// Reads rsyncd.conf the way rsync 3.5.0's params.c does (measured against the daemon): a character scanner
// with the same states (blank, comment, section, parameter, directive, bogus backslash), the same
// whitespace set (isspace without `\n`), the same continuation and CR handling, and NUL as end of
// input. It never throws and keeps a document span for every token. Its parts: scan-reader.ts (the
// characters), scan-document.ts (what is read, as the document takes it), scan-parts.ts (the buffer
// for a name or value that spans lines).

const NL = 10;

export class Scanner extends CharReader {
  /** What has been read: the sections, the parameter lines and every other entry. */
  private readonly out: DocumentBuilder;
  private readonly stop: ((offset: number) => boolean) | undefined;
  /** Name id per distinct raw name: 45,000 lines use a few dozen names. */
  private readonly names = new Map<string, number>();
  /** No CR and no NUL anywhere: a line's `=` can then be found with indexOf. */
  private readonly plain: boolean;
  private nextEq = -1;

  constructor(text: string, state?: ScanState) {
    super(text, state?.pos ?? 0);
    this.plain = !text.includes('\r') && !text.includes('\0');
    this.out = new DocumentBuilder(text, state);
    this.stop = state?.stop;
  }

  parse(): RsyncdDocument {
    this.scan();
    return this.finish();
  }

  /** Reads to the end, or to the header `stop` accepts; returns that header's offset, or -1. */
  scan(): number {
    let c = this.eatWhitespace();
    while (c > 0) {
      const start = this.at;
      if (c === NL) {
        c = this.eatWhitespace();
      } else if (c === 59 /* ; */ || c === 35 /* # */) {
        c = this.eatComment();
        this.out.addComment({ start, end: this.lineEnd(start) });
      } else if (c === 91 /* [ */) {
        if (this.stop?.(start)) {
          this.out.closeSection(start);
          return start;
        }
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
    this.out.closeSection(this.text.length);
    return -1;
  }

  /** The document read, once `scan` (and whatever reparse.ts appends after it) is done. */
  finish(): RsyncdDocument {
    return this.out.finish(this.text, this.endedAt);
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
        while (a < close && isSpaceCodeLocal(text.charCodeAt(a))) a++;
        let b = close;
        while (b > a && isSpaceCodeLocal(text.charCodeAt(b - 1))) b--;
        if (a < b) {
          this.pos = Math.min(lineEnd + 1, text.length + 1);
          const raw = text.slice(a, b);
          this.openHeader(start, needsCollapse(raw) ? collapse(raw) : raw, { start: a, end: b }, close);
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
      } else if (isSpaceCodeLocal(c)) {
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
      while (from < spanEnd && isSpaceCodeLocal(this.text.charCodeAt(from))) from++;
      if (from < spanEnd) trailing = { start: from, end: spanEnd };
      this.eatComment();
      if (end === 0) error = 'empty';
    }
    this.out.openSection(start, spanEnd, name, nameSpan, trailing, error);
  }

  /** A well-formed one-line header `[name]` closed at `close`. */
  private openHeader(start: number, name: string, nameSpan: Span, close: number): void {
    const spanEnd = this.lineEnd(close);
    let from = close + 1;
    while (from < spanEnd && isSpaceCodeLocal(this.text.charCodeAt(from))) from++;
    this.out.openSection(
      start,
      spanEnd,
      name,
      nameSpan,
      from < spanEnd ? { start: from, end: spanEnd } : undefined,
      undefined,
    );
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
    while (end > start && isSpaceCodeLocal(text.charCodeAt(end - 1))) end--;
    if (text.charCodeAt(end - 1) === 92) return false;
    let eq = -1;
    if (this.plain) {
      // The next `=` in the text, kept while the lines before it are read: searching from every line
      // would scan the rest of a file of lines without `=` once per line.
      if (this.nextEq < start) {
        this.nextEq = text.indexOf('=', start);
        if (this.nextEq < 0) this.nextEq = text.length;
      }
      eq = this.nextEq < lineEnd ? this.nextEq : -1;
    } else {
      for (let i = start; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (c === 61 && eq < 0) eq = i;
        else if (c === 0 || (c === 13 && i < end)) return false;
      }
    }
    this.pos = Math.min(lineEnd + 1, text.length + 1);
    if (eq < 0 || eq >= end) {
      this.out.addBad({
        kind: 'no-equals',
        span: { start, end },
        text: collapse(text.slice(start, end)),
        section: this.out.section,
      });
      return true;
    }
    if (eq === start) {
      this.out.addBad({ kind: 'empty-name', span: { start, end }, section: this.out.section });
      return true;
    }
    let nameEnd = eq;
    while (isSpaceCodeLocal(text.charCodeAt(nameEnd - 1))) nameEnd--;
    let vStart = eq + 1;
    while (vStart < end && isSpaceCodeLocal(text.charCodeAt(vStart))) vStart++;
    const raw = text.slice(start, nameEnd);
    let id = this.names.get(raw);
    if (id === undefined) {
      id = this.out.params.nameId(needsCollapse(raw) ? collapse(raw) : raw);
      this.names.set(raw, id);
    }
    this.out.params.add(start, end, id, start, nameEnd, vStart, end, eq, this.out.sections.length - 1);
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
          this.out.addBad({
            kind: 'empty-name',
            span: { start, end: this.consumedEnd(start) },
            section: this.out.section,
          });
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
      if (isSpaceCodeLocal(c)) {
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
        if (!isSpaceCodeLocal(c)) vend = i;
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
        nameSpan: {
          start: nameSpan.start + 1 <= nameSpan.end ? nameSpan.start + 1 : nameSpan.start,
          end: nameSpan.end,
        },
        argument: value,
        argumentSpan: valueSpan,
        section: this.out.section,
      };
      this.out.addDirective(entry);
      return;
    }
    // Only values that are not one slice of the text (continuations, dropped CRs) keep a string and a map.
    const slice = lines === 1 && (vend === 0 || value === this.text.slice(valueSpan.start, valueSpan.end));
    const assembled = slice
      ? undefined
      : { value, map: vend === 0 ? () => valueSpan.start : map, continued: lines > 1 };
    this.out.params.add(
      start,
      spanEnd,
      this.out.params.nameId(name),
      nameSpan.start,
      nameSpan.end,
      valueSpan.start,
      valueSpan.end,
      eqAt,
      this.out.sections.length - 1,
      assembled,
    );
  }

  private pushNoEquals(buf: Buf, end: number, start: number, directive: boolean): void {
    const text = assemble(buf, end).value;
    this.out.addBad({
      kind: 'no-equals',
      span: { start, end: this.consumedEnd(start) },
      text,
      section: this.out.section,
      ...(directive ? { directive: true } : {}),
    });
  }
}
