import type { Span } from '../types';
import { parameterKey, type ParamEntry, type Section } from './model';
import { parameterByKey, type ParameterInfo } from './parameters';

// The parameter lines of a parsed rsyncd.conf as columns of integers instead of one object per line.
// A 5,000-module file has 45,000 lines; as objects they were ~10 MB that every validation copied
// through the young generation (a third of its time was garbage collection). Typed arrays are not
// copied, so the long-lived part of a parse is now a few arrays, and the `Param` views the rules and
// features work with are made on use and die young.

/** Name, rsync key and table entry, shared by every line with the same name. */
export interface NameRecord {
  name: string;
  key: string;
  info: ParameterInfo | undefined;
}

/** A value that is not one slice of the text (continued over lines, or with CRs dropped). */
export interface AssembledValue {
  value: string;
  map: (index: number) => number;
  continued: boolean;
  /** Added to what `map` gives: the line moved by an edit before it (see `appendMoved`). */
  shift?: number;
}

/** Columns per line, in one Int32Array. */
const START = 0;
const END = 1;
const NAME_START = 2;
const NAME_END = 3;
const VALUE_START = 4;
const VALUE_END = 5;
const EQUALS = 6;
const SECTION = 7;
const NAME = 8;
const STRIDE = 9;

/** Records by name across documents: the same few dozen names recur in every file. */
const RECORDS = new Map<string, NameRecord>();

function recordFor(name: string): NameRecord {
  let record = RECORDS.get(name);
  if (!record) {
    const key = parameterKey(name);
    record = { name, key, info: parameterByKey(key) };
    if (RECORDS.size >= 10_000) RECORDS.clear();
    RECORDS.set(name, record);
  }
  return record;
}

export class ParamTable {
  private cols = new Int32Array(STRIDE * 256);
  count = 0;
  /** Name records of this document, indexed by the NAME column. */
  private readonly records: NameRecord[] = [];
  private readonly recordIds = new Map<NameRecord, number>();
  private readonly assembled = new Map<number, AssembledValue>();

  constructor(
    readonly text: string,
    /** The document's sections, indexed by the SECTION column. */
    readonly sections: readonly Section[],
  ) {}

  /**
   * A table for an edited text that starts with the first `rows` lines of `prev` (the text before the
   * edit is the same) and knows its names under the same ids, so `appendMoved` can copy later lines.
   */
  static derive(prev: ParamTable, text: string, sections: readonly Section[], rows: number): ParamTable {
    const table = new ParamTable(text, sections);
    table.cols = new Int32Array(Math.max(STRIDE * 256, prev.cols.length));
    table.cols.set(prev.cols.subarray(0, rows * STRIDE));
    table.count = rows;
    table.records.push(...prev.records);
    for (const [record, id] of prev.recordIds) table.recordIds.set(record, id);
    for (const [i, a] of prev.assembled) if (i < rows) table.assembled.set(i, a);
    return table;
  }

  /**
   * Appends lines `[from, to)` of `prev` (a table this one was derived from), moved by `delta`
   * characters and `sectionDelta` sections: the lines after an edit, read as before.
   */
  appendMoved(prev: ParamTable, from: number, to: number, delta: number, sectionDelta: number): void {
    const n = to - from;
    const base = this.count;
    if ((base + n) * STRIDE > this.cols.length) {
      const grown = new Int32Array(Math.max(this.cols.length * 2, (base + n) * STRIDE));
      grown.set(this.cols.subarray(0, base * STRIDE));
      this.cols = grown;
    }
    const cols = this.cols;
    cols.set(prev.cols.subarray(from * STRIDE, to * STRIDE), base * STRIDE);
    for (let b = base * STRIDE, end = (base + n) * STRIDE; b < end; b += STRIDE) {
      cols[b + START] += delta;
      cols[b + END] += delta;
      cols[b + NAME_START] += delta;
      cols[b + NAME_END] += delta;
      cols[b + VALUE_START] += delta;
      cols[b + VALUE_END] += delta;
      if (cols[b + EQUALS] >= 0) cols[b + EQUALS] += delta;
      cols[b + SECTION] += sectionDelta;
    }
    for (const [i, a] of prev.assembled) {
      if (i >= from && i < to) this.assembled.set(base + i - from, { ...a, shift: (a.shift ?? 0) + delta });
    }
    this.count = base + n;
  }

  /** The id of a name as rsync assembles it, for `add`. */
  nameId(name: string): number {
    const record = recordFor(name);
    let id = this.recordIds.get(record);
    if (id === undefined) {
      id = this.records.length;
      this.records.push(record);
      this.recordIds.set(record, id);
    }
    return id;
  }

  /** Adds a line whose name has id `name` (see `nameId`). Returns its index. */
  add(
    start: number,
    end: number,
    name: number,
    nameStart: number,
    nameEnd: number,
    valueStart: number,
    valueEnd: number,
    equals: number,
    section: number,
    assembled?: AssembledValue,
  ): number {
    const i = this.count++;
    let cols = this.cols;
    if ((i + 1) * STRIDE > cols.length) {
      const grown = new Int32Array(cols.length * 2);
      grown.set(cols);
      this.cols = cols = grown;
    }
    const b = i * STRIDE;
    cols[b + START] = start;
    cols[b + END] = end;
    cols[b + NAME_START] = nameStart;
    cols[b + NAME_END] = nameEnd;
    cols[b + VALUE_START] = valueStart;
    cols[b + VALUE_END] = valueEnd;
    cols[b + EQUALS] = equals;
    cols[b + SECTION] = section;
    cols[b + NAME] = name;
    if (assembled) this.assembled.set(i, assembled);
    return i;
  }

  /** The number of distinct names, and the record and name id of each (for grouping lines by name). */
  get nameCount(): number {
    return this.records.length;
  }

  recordById(id: number): NameRecord {
    return this.records[id];
  }

  nameIdOf(i: number): number {
    return this.cols[i * STRIDE + NAME];
  }

  record(i: number): NameRecord {
    return this.records[this.cols[i * STRIDE + NAME]];
  }

  key(i: number): string {
    return this.records[this.cols[i * STRIDE + NAME]].key;
  }

  info(i: number): ParameterInfo | undefined {
    return this.records[this.cols[i * STRIDE + NAME]].info;
  }

  start(i: number): number {
    return this.cols[i * STRIDE + START];
  }

  end(i: number): number {
    return this.cols[i * STRIDE + END];
  }

  nameStart(i: number): number {
    return this.cols[i * STRIDE + NAME_START];
  }

  nameEnd(i: number): number {
    return this.cols[i * STRIDE + NAME_END];
  }

  valueStart(i: number): number {
    return this.cols[i * STRIDE + VALUE_START];
  }

  valueEnd(i: number): number {
    return this.cols[i * STRIDE + VALUE_END];
  }

  equals(i: number): number {
    return this.cols[i * STRIDE + EQUALS];
  }

  section(i: number): Section {
    return this.sections[this.cols[i * STRIDE + SECTION]];
  }

  /** The value as rsync stores it. */
  value(i: number): string {
    const a = this.assembled.size ? this.assembled.get(i) : undefined;
    if (a) return a.value;
    const b = i * STRIDE;
    return this.text.slice(this.cols[b + VALUE_START], this.cols[b + VALUE_END]);
  }

  /** Whether the value is not one slice of the text (then `rawValueRange` does not hold it). */
  isAssembled(i: number): boolean {
    return this.assembled.size !== 0 && this.assembled.has(i);
  }

  valueOffset(i: number, index: number): number {
    const a = this.assembled.size ? this.assembled.get(i) : undefined;
    if (a) return a.map(index) + (a.shift ?? 0);
    const b = i * STRIDE;
    const start = this.cols[b + VALUE_START];
    return start + Math.max(0, Math.min(index, this.cols[b + VALUE_END] - start));
  }

  continued(i: number): boolean {
    return this.assembled.size !== 0 && (this.assembled.get(i)?.continued ?? false);
  }

  view(i: number): Param {
    return new Param(this, i);
  }

  views(from: number, to: number): Param[] {
    const out: Param[] = [];
    for (let i = from; i < to; i++) out.push(new Param(this, i));
    return out;
  }
}

/** A run of lines of one table: a section's lines, or the part of a section between two directives. */
export interface ParamRange {
  table: ParamTable;
  from: number;
  to: number;
}

/** A view of one parameter line. Made on use; equal lines are equal by `table` and `index`, not identity. */
export class Param implements ParamEntry {
  // On the prototype (below), not on each instance.
  declare readonly kind: 'param';
  private cachedValue: string | undefined = undefined;

  constructor(
    readonly table: ParamTable,
    readonly index: number,
  ) {}

  get name(): string {
    return this.table.record(this.index).name;
  }

  get key(): string {
    return this.table.key(this.index);
  }

  get info(): ParameterInfo | undefined {
    return this.table.info(this.index);
  }

  get value(): string {
    return (this.cachedValue ??= this.table.value(this.index));
  }

  get span(): Span {
    return { start: this.table.start(this.index), end: this.table.end(this.index) };
  }

  get nameSpan(): Span {
    return { start: this.table.nameStart(this.index), end: this.table.nameEnd(this.index) };
  }

  get valueSpan(): Span {
    return { start: this.table.valueStart(this.index), end: this.table.valueEnd(this.index) };
  }

  get equalsOffset(): number {
    return this.table.equals(this.index);
  }

  get section(): Section {
    return this.table.section(this.index);
  }

  get continued(): boolean {
    return this.table.continued(this.index);
  }

  valueOffset(index: number): number {
    return this.table.valueOffset(this.index, index);
  }
}
Object.defineProperty(Param.prototype, 'kind', { value: 'param', enumerable: true });
