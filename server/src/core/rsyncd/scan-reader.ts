import { isSpaceCode } from './model';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call,
// which shows in per-character loops.
const isSpaceCodeLocal = isSpaceCode;

// params.c's character level, under the Scanner (scanner.ts): getc() over the text, the whitespace it
// eats (isspace without `\n`), the end of a line, and NUL as end of input, with the document offset of
// every character read.

const NL = 10;
const EOF = -1;

export class CharReader {
  /** Offset of the character `get()` returns next. */
  protected pos: number;
  /** Offset of the NUL that ended the input, when one did: rsync reads nothing after it. */
  protected endedAt?: number;

  constructor(
    protected readonly text: string,
    pos: number,
  ) {
    this.pos = pos;
  }

  /** getc(): the next character code, EOF at the end. */
  protected get(): number {
    if (this.pos >= this.text.length) {
      this.pos = this.text.length + 1;
      return EOF;
    }
    return this.text.charCodeAt(this.pos++);
  }

  /** Offset of the character `get()` returned last. */
  protected get at(): number {
    return this.pos - 1;
  }

  protected eatWhitespace(): number {
    let c = this.get();
    while (isSpaceCodeLocal(c) && c !== NL) c = this.get();
    return c;
  }

  /** params.c EatComment(): skips to the end of the line; returns `\n`, or what ended the input (a NUL is noted). */
  protected eatComment(): number {
    let c = this.get();
    while (c !== NL && c > 0) c = this.get();
    if (c === 0) this.endedAt = this.at;
    return c;
  }

  /** Consumes the rest of a logical line (with continuations); only for lines rsync rejects anyway. */
  protected skipLogical(): void {
    let c = this.get();
    let lastNonBlank = -1;
    while (c > 0) {
      if (c === NL) {
        if (lastNonBlank < 0 || this.text.charCodeAt(lastNonBlank) !== 92) return;
        lastNonBlank = -1;
      } else if (!isSpaceCodeLocal(c)) lastNonBlank = this.at;
      c = this.get();
    }
  }

  /** End of the content of the physical line holding `offset` (before CR/LF). */
  protected lineEnd(offset: number): number {
    let nl = this.text.indexOf('\n', offset);
    if (nl < 0) nl = this.text.length;
    while (nl > offset && this.text.charCodeAt(nl - 1) === 13) nl--;
    return nl;
  }

  /** Span end for a construct whose last consumed character is at `pos - 1`. */
  protected consumedEnd(start: number): number {
    const last = Math.min(this.pos, this.text.length + 1) - 1;
    let end = Math.min(last, this.text.length);
    if (end > start && this.text.charCodeAt(end - 1) === NL) end--;
    while (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(start, Math.min(end, this.text.length));
  }
}
