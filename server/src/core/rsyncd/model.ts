import type { PhysicalLine } from '../text';
import type { Span } from '../types';
import type { ParamRange, ParamTable } from './param-table';
import type { ParameterInfo } from './parameters';

// The parsed rsyncd.conf: entries with document spans, grouped into sections as rsync 3.5.0 reads
// them (rsync 3.5.0 params.c and loadparm.c), and rsync's name comparisons.

export interface ParamEntry {
  kind: 'param';
  /** Whole logical line, continuation lines included. */
  span: Span;
  /** The name as rsync assembles it: whitespace runs collapsed to one space, trimmed. */
  name: string;
  nameSpan: Span;
  /** The name as rsync compares it: lower case, all whitespace removed. */
  key: string;
  /** The parameter's table entry; undefined for a name rsync does not know. */
  info: ParameterInfo | undefined;
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
  /** Its parameter lines (views made on first use, then kept). */
  readonly params: readonly ParamEntry[];
  /** The same lines as indices into the document's parameter table, for loops over every line of a large file. */
  readonly range: ParamRange;
  /** From the header (or 0) to the end of the last line before the next header. */
  span: Span;
  /** True when this section comes before the first header, i.e. is read at daemon startup. */
  beforeFirstHeader: boolean;
  /** Directives (`&include`, `&merge`) in this section. */
  readonly directives: readonly DirectiveEntry[];
}

export interface RsyncdDocument {
  text: string;
  lines: PhysicalLine[];
  /** Every entry in document order (built on first use: validation works from `sections` and `params`). */
  entries: Entry[];
  /** The parameter lines. */
  params: ParamTable;
  /** The entries rsync rejects as lines (no `=`, empty name), also in `entries`: rules find them without a walk over every line. */
  badLines: (NoEqualsEntry | EmptyNameEntry)[];
  sections: Section[];
  /** The text starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Offset of a NUL character at which rsync stopped reading the file. */
  endedAt?: number;
  /** Offset of the first NUL character (rsync reads it as an end of input). */
  nul?: number;
  /**
   * Set on a part of a document (some of its sections, see part.ts), which section rules are run on
   * after an edit: the whole document it was cut from.
   */
  whole?: RsyncdDocument;
}

/** The header that ends the daemon's startup read, of the whole document even when given a part of it. */
export function firstHeader(doc: RsyncdDocument): HeaderEntry | undefined {
  return (doc.whole ?? doc).sections[1]?.header;
}

const NO_DIRECTIVES: readonly DirectiveEntry[] = Object.freeze([]);

/**
 * A section as the scanner makes it. It is its own parameter range and keeps its span as two numbers:
 * a large file has 5,000 sections, and each object less per section is less for the garbage collector.
 */
export class ParsedSection implements Section, ParamRange {
  private views: readonly ParamEntry[] | undefined = undefined;
  private ownDirectives: DirectiveEntry[] | undefined = undefined;
  readonly header: HeaderEntry | undefined;
  /** Index of the first parameter line and one past the last (set when the next section starts). */
  to: number;
  /** Span, see `span`. */
  start: number;
  end: number;
  constructor(
    readonly name: string,
    readonly key: string,
    readonly isGlobal: boolean,
    start: number,
    end: number,
    readonly beforeFirstHeader: boolean,
    readonly table: ParamTable,
    readonly from: number,
    header?: HeaderEntry,
  ) {
    this.to = from;
    this.start = start;
    this.end = end;
    this.header = header;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get range(): ParamRange {
    return this;
  }

  get directives(): DirectiveEntry[] {
    return this.ownDirectives ?? (NO_DIRECTIVES as DirectiveEntry[]);
  }

  addDirective(d: DirectiveEntry): void {
    (this.ownDirectives ??= []).push(d);
  }

  get params(): readonly ParamEntry[] {
    return (this.views ??= this.table.views(this.from, this.to));
  }
}

/** A section header as the scanner makes it, with its spans as numbers (see ParsedSection). */
export class ParsedHeader implements HeaderEntry {
  declare readonly kind: 'header';
  trailing?: Span;
  error?: HeaderError;
  constructor(
    private readonly start: number,
    private readonly end: number,
    readonly name: string,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    readonly isGlobal: boolean,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  /** The same header `delta` characters later in the text. */
  moved(delta: number): ParsedHeader {
    const copy = new ParsedHeader(
      this.start + delta,
      this.end + delta,
      this.name,
      this.nameStart + delta,
      this.nameEnd + delta,
      this.isGlobal,
    );
    if (this.trailing) copy.trailing = { start: this.trailing.start + delta, end: this.trailing.end + delta };
    if (this.error) copy.error = this.error;
    return copy;
  }
}
Object.defineProperty(ParsedHeader.prototype, 'kind', { value: 'header', enumerable: true });

/** C `isspace` (ASCII only, as in the C locale). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export function sectionKey(name: string): string {
  // Most names and values are already keys (`path`, `yes`); skip the regex work for them.
  if (isPlainKey(name)) return name;
  return name.replace(/[ \t\n\v\f\r]+/g, '').toLowerCase();
}

export const parameterKey = sectionKey;

/** No blank, control, upper-case or non-ASCII character: lower-casing and blank removal change nothing. */
function isPlainKey(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || (c >= 65 && c <= 90) || c > 126) return false;
  }
  return true;
}

/** rsync's strwiEQ: equal ignoring case and all whitespace. */
export function strwiEq(a: string, b: string): boolean {
  return sectionKey(a) === sectionKey(b);
}

/** The entries in document order: the scanner's other entries merged with every section's parameter lines. */
export function mergeEntries(others: readonly Entry[], sections: readonly Section[]): Entry[] {
  const out: Entry[] = [];
  let o = 0;
  for (const section of sections) {
    for (const p of section.params) {
      const at = p.span.start;
      while (o < others.length && others[o].span.start <= at) out.push(others[o++]);
      out.push(p);
    }
  }
  while (o < others.length) out.push(others[o++]);
  return out;
}
