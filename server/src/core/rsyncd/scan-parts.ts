import type { Span } from '../types';
import { isSpaceCode, parameterKey, type ParamEntry, type Section } from './model';
import { parameterByKey, type ParameterInfo } from './parameters';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call,
// which shows in per-character loops.
const isSpaceCodeLocal = isSpaceCode;
const parameterKeyLocal = parameterKey;
const parameterByKeyLocal = parameterByKey;

// The scanner's building blocks: params.c's character buffer with a document offset per character,
// name collapsing, and the parameter entry class.

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
  // Not String#trim: that would also strip U+FEFF, which rsync keeps as a character.
  return s.replace(/[ \t\v\f\r]+/g, ' ').replace(/^ | $/g, '');
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

/** Key and table entry per name, shared by every line with that name. */
const NAMES = new Map<string, { key: string; info: ParameterInfo | undefined }>();

/**
 * A parameter line; a class so that 50,000 of them share one `valueOffset`. The spans are made on
 * each use from plain offsets: most lines are never reported, and every field of the 45,000 lines
 * of a large file is work for the garbage collector.
 */
export class Param implements ParamEntry {
  // On the prototype (below), not on each of 45,000 instances.
  declare readonly kind: 'param';
  readonly key: string;
  readonly info: ParameterInfo | undefined;
  constructor(
    private readonly start: number,
    private readonly end: number,
    readonly name: string,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    readonly value: string,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    /** Index → offset map when the value is not one contiguous slice of the document. */
    private readonly map: ((i: number) => number) | undefined,
    readonly equalsOffset: number,
    readonly section: Section,
    readonly continued: boolean,
  ) {
    let known = NAMES.get(name);
    if (!known) {
      const key = parameterKeyLocal(name);
      known = { key, info: parameterByKeyLocal(key) };
      if (NAMES.size >= 10_000) NAMES.clear();
      NAMES.set(name, known);
    }
    this.key = known.key;
    this.info = known.info;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }

  valueOffset(index: number): number {
    if (this.map) return this.map(index);
    return this.valueStart + Math.max(0, Math.min(index, this.value.length));
  }
}
Object.defineProperty(Param.prototype, 'kind', { value: 'param', enumerable: true });
