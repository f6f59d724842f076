import type {
  DirectiveEntry,
  EmptyNameEntry,
  HeaderEntry,
  NoEqualsEntry,
  ParamEntry,
  RsyncdDocument,
  Section,
} from './model';
import type { NameRecord, ParamTable } from './param-table';
import type { ParameterInfo, ParameterType } from './parameters';

// One pass over a parsed document that every rule and the module view share: the parameter lines by
// key and by type, and the other entries by kind. Cached per parsed document, so 34 rules over 5,000
// modules cost one walk instead of one each. Long lists hold table indices; the views the rules see
// are made when a rule asks (see param-table.ts for why).

/** A parameter line whose name rsync knows. */
export type KnownParam = ParamEntry & { info: ParameterInfo };

export interface DocIndex {
  /**
   * Known parameters that pass a rule's cheap first test, found in the same pass so that those rules
   * do not each walk all lines: a value holding `#` or `;`, starting with a quote, holding `%`, and
   * global-only parameters inside modules.
   */
  withCommentChar: readonly KnownParam[];
  quoted: readonly KnownParam[];
  withPercent: readonly ParamEntry[];
  globalInModule: readonly KnownParam[];
  /** Lines whose name is not an rsync parameter. */
  unknown: readonly ParamEntry[];
  /** Table indices of the lines with each rsync key, and of the known lines of each type. */
  byKey: ReadonlyMap<string, ArrayLike<number>>;
  byType: ReadonlyMap<ParameterType, ArrayLike<number>>;
  headers: readonly HeaderEntry[];
  directives: readonly DirectiveEntry[];
  noEquals: readonly NoEqualsEntry[];
  emptyNames: readonly EmptyNameEntry[];
}

const INDEX = new WeakMap<RsyncdDocument, DocIndex>();

export function docIndex(doc: RsyncdDocument): DocIndex {
  let index = INDEX.get(doc);
  if (!index) {
    index = build(doc);
    INDEX.set(doc, index);
  }
  return index;
}

/** A global-only parameter inside a module: rsync ignores the line, so rules about its value stay quiet. */
export function ignoredHere(p: KnownParam): boolean {
  return p.info.scope === 'global' && !p.section.isGlobal;
}

/** Views of the lines at `indices`. */
export function viewsOf(table: ParamTable, indices: ArrayLike<number>): ParamEntry[] {
  const out: ParamEntry[] = new Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = table.view(indices[i]);
  return out;
}

const PERCENT = 1;
const COMMENT_CHAR = 2;
const QUOTED = 4;

/**
 * For every line, which of `%`, `#`/`;` and a leading quote its value holds. Found with `indexOf` over
 * the whole text and one walk in step with the lines, rather than a loop over every character of every
 * value; a part of a document (a few sections) looks at its own values only.
 */
function valueFlags(table: ParamTable, text: string, rows: readonly Rows[], part: boolean): Uint8Array {
  const flags = new Uint8Array(table.count);
  const mark = (ch: string, flag: number) => {
    let j = 0;
    let pos = text.indexOf(ch);
    while (pos >= 0 && j < table.count) {
      while (j < table.count && table.valueEnd(j) <= pos) j++;
      if (j === table.count) break;
      if (table.valueStart(j) <= pos) {
        flags[j] |= flag;
        pos = text.indexOf(ch, table.valueEnd(j));
      } else pos = text.indexOf(ch, table.valueStart(j));
    }
  };
  if (!part) {
    mark('%', PERCENT);
    mark('#', COMMENT_CHAR);
    mark(';', COMMENT_CHAR);
  }
  for (const { from, to } of rows) {
    for (let i = from; i < to; i++) {
      if (table.isAssembled(i)) {
        // A value joined from several lines: judge the string rsync stores, not the text with its `\` breaks.
        const v = table.value(i);
        flags[i] =
          (v.includes('%') ? PERCENT : 0) |
          (v.includes('#') || v.includes(';') ? COMMENT_CHAR : 0) |
          (v.charCodeAt(0) === 34 || v.charCodeAt(0) === 39 ? QUOTED : 0);
        continue;
      }
      const start = table.valueStart(i);
      const end = table.valueEnd(i);
      if (part) {
        for (let k = start; k < end; k++) {
          const c = text.charCodeAt(k);
          if (c === 37) flags[i] |= PERCENT;
          else if (c === 35 || c === 59) flags[i] |= COMMENT_CHAR;
        }
      }
      if (start < end) {
        const first = text.charCodeAt(start);
        if (first === 34 || first === 39) flags[i] |= QUOTED;
      }
    }
  }
  return flags;
}

/** Runs of consecutive parameter lines. */
interface Rows {
  from: number;
  to: number;
}

/** The document's lines as runs: one for a whole document, one per run of adjacent sections for a part. */
function rowRuns(doc: RsyncdDocument): Rows[] {
  if (!doc.whole) return [{ from: 0, to: doc.params.count }];
  const runs: Rows[] = [];
  for (const { range } of doc.sections) {
    const last = runs[runs.length - 1];
    if (last && last.to === range.from) last.to = range.to;
    else if (range.to > range.from) runs.push({ from: range.from, to: range.to });
  }
  return runs;
}

/**
 * The lines grouped by `group` of their name (lines whose group is undefined are left out), each group
 * in document order: a counting sort into one Int32Array, so 45,000 lines make no per-line objects.
 */
function groupLines<G>(
  table: ParamTable,
  rows: readonly Rows[],
  group: (record: NameRecord) => G | undefined,
): Map<G, Int32Array> {
  const groups: G[] = [];
  const groupIds = new Map<G, number>();
  const groupOfName = new Int32Array(table.nameCount);
  for (let id = 0; id < table.nameCount; id++) {
    const g = group(table.recordById(id));
    if (g === undefined) {
      groupOfName[id] = -1;
      continue;
    }
    let gid = groupIds.get(g);
    if (gid === undefined) {
      gid = groups.length;
      groups.push(g);
      groupIds.set(g, gid);
    }
    groupOfName[id] = gid;
  }
  const ends = new Int32Array(groups.length + 1);
  for (const { from, to } of rows) {
    for (let i = from; i < to; i++) {
      const gid = groupOfName[table.nameIdOf(i)];
      if (gid >= 0) ends[gid + 1]++;
    }
  }
  for (let g = 0; g < groups.length; g++) ends[g + 1] += ends[g];
  const order = new Int32Array(ends[groups.length]);
  const next = ends.slice(0, groups.length);
  for (const { from, to } of rows) {
    for (let i = from; i < to; i++) {
      const gid = groupOfName[table.nameIdOf(i)];
      if (gid >= 0) order[next[gid]++] = i;
    }
  }
  const out = new Map<G, Int32Array>();
  groups.forEach((g, gid) => out.set(g, order.subarray(ends[gid], ends[gid + 1])));
  return out;
}

function build(doc: RsyncdDocument): DocIndex {
  const table = doc.params;
  const rows = rowRuns(doc);
  const index = {
    withCommentChar: [] as KnownParam[],
    quoted: [] as KnownParam[],
    withPercent: [] as ParamEntry[],
    globalInModule: [] as KnownParam[],
    unknown: [] as ParamEntry[],
    byKey: groupLines(table, rows, (r) => r.key),
    byType: groupLines(table, rows, (r) => r.info?.type),
    headers: [] as HeaderEntry[],
    directives: [] as DirectiveEntry[],
    noEquals: [] as NoEqualsEntry[],
    emptyNames: [] as EmptyNameEntry[],
  };
  const flagsOf = valueFlags(table, doc.text, rows, doc.whole !== undefined);
  for (const section of doc.sections) {
    if (section.header) index.headers.push(section.header);
    for (const d of section.directives) index.directives.push(d);
    const { from, to } = section.range;
    for (let i = from; i < to; i++) {
      const record = table.record(i);
      const flags = flagsOf[i];
      if (flags & PERCENT) index.withPercent.push(table.view(i));
      const info = record.info;
      if (!info) {
        index.unknown.push(table.view(i));
        continue;
      }
      if (flags & COMMENT_CHAR) index.withCommentChar.push(table.view(i) as KnownParam);
      if (flags & QUOTED) index.quoted.push(table.view(i) as KnownParam);
      if (info.scope === 'global' && !section.isGlobal) index.globalInModule.push(table.view(i) as KnownParam);
    }
  }
  for (const e of doc.badLines) {
    if (e.kind === 'no-equals') index.noEquals.push(e);
    else index.emptyNames.push(e);
  }
  return index;
}

const BY_VALUE = new WeakMap<RsyncdDocument, Map<string, ReadonlyMap<string, readonly number[]>>>();

/**
 * The lines with rsync key `key` that rsync does not ignore (a global-only parameter inside a module),
 * grouped by value in document order. Value rules judge each distinct value once: a large file repeats
 * `read only = yes` or one `refuse options` line in thousands of modules.
 */
export function linesByValue(doc: RsyncdDocument, key: string): ReadonlyMap<string, readonly number[]> {
  let perDoc = BY_VALUE.get(doc);
  if (!perDoc) BY_VALUE.set(doc, (perDoc = new Map()));
  let groups = perDoc.get(key);
  if (!groups) perDoc.set(key, (groups = groupByValue(doc, docIndex(doc).byKey.get(key))));
  return groups;
}

function groupByValue(doc: RsyncdDocument, lines: ArrayLike<number> | undefined): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  if (!lines?.length) return groups;
  const table = doc.params;
  const text = doc.text;
  let last: string | undefined;
  let lastGroup: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    const i = lines[k];
    const info = table.info(i);
    if (!info || (info.scope === 'global' && !table.section(i).isGlobal)) continue;
    // Most lines repeat the value before them: compare in place before making a string and hashing it.
    const from = table.valueStart(i);
    const length = table.valueEnd(i) - from;
    if (last !== undefined && last.length === length && !table.isAssembled(i) && text.startsWith(last, from)) {
      lastGroup.push(i);
      continue;
    }
    const value = table.value(i);
    let group = groups.get(value);
    if (!group) groups.set(value, (group = []));
    group.push(i);
    last = value;
    lastGroup = group;
  }
  return groups;
}

/**
 * Whether a parameter line of the whole document (even when given a part of it) with rsync key `key`
 * has a value that passes `test`. Without the whole document's index at hand it finds the lines by the
 * table's name column, so a section rule can ask on every edit without indexing every line again.
 */
export function someLine(doc: RsyncdDocument, key: string, test: (value: string) => boolean): boolean {
  const whole = doc.whole ?? doc;
  const table = whole.params;
  const lines = INDEX.get(whole)?.byKey.get(key) ?? rowsWithKey(whole, key);
  for (let k = 0; k < lines.length; k++) if (test(table.value(lines[k]))) return true;
  return false;
}

const ROWS_WITH_KEY = new WeakMap<RsyncdDocument, Map<string, Int32Array>>();

/** The table rows with rsync key `key`, found by name id: a few names to compare, then integers. */
function rowsWithKey(doc: RsyncdDocument, key: string): Int32Array {
  let perDoc = ROWS_WITH_KEY.get(doc);
  if (!perDoc) ROWS_WITH_KEY.set(doc, (perDoc = new Map()));
  let rows = perDoc.get(key);
  if (!rows) {
    const table = doc.params;
    const named = new Uint8Array(table.nameCount);
    for (let id = 0; id < table.nameCount; id++) if (table.recordById(id).key === key) named[id] = 1;
    const found: number[] = [];
    for (let i = 0; i < table.count; i++) if (named[table.nameIdOf(i)]) found.push(i);
    perDoc.set(key, (rows = Int32Array.from(found)));
  }
  return rows;
}

// The module headers grouped by rsync's key: which sections re-open an earlier module. An edit that
// leaves every header as it was leaves the grouping as it was, so reparse.ts hands it on to the edited
// document, and a keystroke in a 5,000-module file does not group every header again.

export interface HeaderGroups {
  /** Per module opened by more than one header: the indices of its sections, the first definition first. */
  repeated: readonly (readonly number[])[];
}

const GROUPS = new WeakMap<RsyncdDocument, HeaderGroups>();

export function headerGroups(doc: RsyncdDocument): HeaderGroups {
  let groups = GROUPS.get(doc);
  if (!groups) {
    groups = group(doc.sections);
    GROUPS.set(doc, groups);
  }
  return groups;
}

/**
 * Gives `doc` the grouping of `prev` (when it has one) if their sections group alike: the same number,
 * and sections `[from, to)`, the ones read again, with the same keys (the others are copies).
 */
export function keepHeaderGroups(prev: RsyncdDocument, doc: RsyncdDocument, from: number, to: number): void {
  const groups = GROUPS.get(prev);
  if (!groups || prev.sections.length !== doc.sections.length) return;
  for (let i = from; i < to; i++) if (groupKey(prev.sections[i]) !== groupKey(doc.sections[i])) return;
  GROUPS.set(doc, groups);
}

/** The key a section opens a module under; undefined for global sections and headers rsync cannot read. */
function groupKey(s: Section): string | undefined {
  return s.isGlobal || !s.header || s.header.error ? undefined : s.key;
}

function group(sections: readonly Section[]): HeaderGroups {
  // A module's first section by key, and a list only for the keys seen again: most are seen once.
  const first = new Map<string, number>();
  const more = new Map<number, number[]>();
  for (let i = 0; i < sections.length; i++) {
    const key = groupKey(sections[i]);
    if (key === undefined) continue;
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else {
      const list = more.get(at);
      if (list) list.push(i);
      else more.set(at, [at, i]);
    }
  }
  return { repeated: [...more.values()] };
}
