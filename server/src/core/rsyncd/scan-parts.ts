import { isSpaceCode } from './model';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call,
// which shows in per-character loops.
const isSpaceCodeLocal = isSpaceCode;

// The scanner's building blocks: params.c's character buffer with a document offset per character,
// and name collapsing.

/** A buffer of characters with the document offset each came from, like params.c's `bufr`. */
export class Buf {
  codes: number[] = [];
  offsets: number[] = [];
  set(i: number, code: number, offset: number): void {
    this.codes[i] = code;
    this.offsets[i] = offset;
  }
  /** Index of the `\` ending the content before `i` (trailing blanks skipped), or -1: params.c Continuation(). */
  continuation(i: number): number {
    let pos = i - 1;
    while (pos >= 0 && isSpaceCodeLocal(this.codes[pos])) pos--;
    return pos >= 0 && this.codes[pos] === 92 ? pos : -1;
  }
}

/** The string in `buf[0..end)`, and a map from its indices back to document offsets. */
export function assemble(buf: Buf, end: number): { value: string; map: (i: number) => number } {
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
export function collapse(s: string): string {
  // Replacing every single blank too would rebuild a long line word by word (10 MB of words: seconds of GC).
  const one = needsCollapse(s) || s.includes('\r') ? s.replace(/[ \t\v\f\r]+/g, ' ') : s;
  // Not String#trim: that would also strip U+FEFF, which rsync keeps as a character.
  return one.slice(one.startsWith(' ') ? 1 : 0, one.endsWith(' ') ? -1 : undefined);
}

/** A tab, vertical tab, form feed or two blanks in a row: `collapse` would change the name. */
export function needsCollapse(s: string): boolean {
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 11 || c === 12) return true;
    const space = c === 32;
    if (space && prevSpace) return true;
    prevSpace = space;
  }
  return false;
}
