import type { Span } from '../types';
import { parseDateLine } from './dates';

// Every file of a mirror's project/trace/ directory, read as the programs that read them do. Never
// throws; keeps spans for diagnostics and hover.
//
// - A trace (`<MIRRORNAME>`, `<MIRRORNAME>-stage1`, `master`, Ubuntu's date-only traces): the first
//   line is `date -u` output; every later line with a `:` is `Name: value`. Debian's mirror checker
//   (dmt/checks.py) lower-cases the name, keeps what follows the first `:` minus leading blanks, and
//   lets a later line of the same name win; ftpsync's own reader (`extract_trace_field`, an awk
//   split on `: `) wants the exact name and takes the first. Both are kept here.
// - `_hierarchy` (and its copy `_hierarchy.mirror`): `<tracefile> <MIRRORNAME> <TRACEHOST> <RSYNC_HOST>`
//   per hop, the root's first, each mirror appending its own line (ftpsync's tracefile()).
// - `_traces`: the trace files of the directory, oldest first (`ls -1rt`, `_*` left out).

export type TraceKind = 'site' | 'stage1' | 'master' | 'date-only';
export type TraceFileKind = TraceKind | 'hierarchy' | 'traces';

export interface TraceLine extends Span {
  line: number;
  text: string;
}

export interface TraceField {
  /** The name as written, blanks around it removed. */
  name: string;
  /** What the mirror checker keys it by: everything before the first `:`, lower-cased. */
  key: string;
  value: string;
  line: number;
  nameSpan: Span;
  valueSpan: Span;
  /** The whole line. */
  span: Span;
  /** A blank follows the `:`, which ftpsync's awk reader (split on `: `) needs. */
  colonSpace: boolean;
}

export interface TraceDateLine extends Span {
  text: string;
  /** ms since the epoch; undefined when the checker would reject the file ("Invalid tracefile"). */
  time?: number;
}

export interface TraceFile {
  kind: TraceKind;
  text: string;
  /** The first line; undefined for an empty file. */
  dateLine?: TraceDateLine;
  /** True when the first line is itself a `Name: value` line (no date line at all). */
  firstLineIsField: boolean;
  fields: TraceField[];
  /** Lines after the first with no `:` (the checker skips them; dak's `Using dak v1` is one). */
  stray: TraceLine[];
}

export interface HierarchyHop {
  traceFile: string;
  mirrorName: string;
  traceHost: string;
  rsyncHost: string;
  line: number;
  span: Span;
  words: Span[];
}

export interface HierarchyFile {
  kind: 'hierarchy';
  text: string;
  hops: HierarchyHop[];
  /** Lines that are not four words. */
  bad: TraceLine[];
}

export interface TraceListFile {
  kind: 'traces';
  text: string;
  names: TraceLine[];
  /** Lines holding blanks inside: `ls -1` never writes them. */
  bad: TraceLine[];
}

export type TraceDocument = TraceFile | HierarchyFile | TraceListFile;

/** Lines split at `\n` only, as Python's `split('\n')` and awk do; a `\r` stays in the text. */
export function splitLines(text: string): TraceLine[] {
  const lines: TraceLine[] = [];
  let start = 0;
  for (let n = 0; start <= text.length; n++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (nl < 0 && start === text.length && n > 0) break;
    lines.push({ line: n, start, end, text: text.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

function basename(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The kind a file name says: ftpsync's and dak's own names, else undefined (a site trace or a guess from the text). */
export function kindOfName(path: string | undefined): TraceFileKind | undefined {
  if (!path) return undefined;
  const name = basename(path).replace(/\.new$/, '');
  if (name === '_hierarchy' || name === '_hierarchy.mirror') return 'hierarchy';
  if (name === '_traces') return 'traces';
  if (name === 'master') return 'master';
  if (name.endsWith('-stage1')) return 'stage1';
  return undefined;
}

function words(line: TraceLine): Span[] {
  const out: Span[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line.text); m; m = re.exec(line.text))
    out.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
  return out;
}

function parseField(line: TraceLine): TraceField | undefined {
  const colon = line.text.indexOf(':');
  if (colon < 0) return undefined;
  const raw = line.text.slice(0, colon);
  const lead = raw.length - raw.trimStart().length;
  const name = raw.trim();
  const after = line.text.slice(colon + 1);
  const valueLead = after.length - after.trimStart().length;
  const value = after.trimStart().replace(/\s+$/, '');
  const valueStart = line.start + colon + 1 + valueLead;
  return {
    name,
    key: raw.toLowerCase(),
    value,
    line: line.line,
    nameSpan: { start: line.start + lead, end: line.start + lead + name.length },
    valueSpan: { start: valueStart, end: valueStart + value.length },
    span: { start: line.start, end: line.end },
    colonSpace: after.startsWith(' '),
  };
}

export function parseTrace(text: string, kind?: TraceKind): TraceFile {
  const lines = splitLines(text);
  const first = lines[0];
  const fields: TraceField[] = [];
  const stray: TraceLine[] = [];
  let dateLine: TraceDateLine | undefined;
  let firstLineIsField = false;
  if (first && (first.text !== '' || lines.length > 1)) {
    const time = parseDateLine(first.text);
    dateLine = { start: first.start, end: first.end, text: first.text, ...(time !== undefined ? { time } : {}) };
    // A file that starts with `Date: …` has no date line; its fields still count for people reading it.
    const asField = time === undefined ? parseField(first) : undefined;
    if (asField && /^[A-Za-z][A-Za-z -]*$/.test(asField.name)) {
      firstLineIsField = true;
      fields.push(asField);
    }
  }
  for (const line of lines.slice(1)) {
    if (line.text.trim() === '') continue;
    const field = parseField(line);
    if (field) fields.push(field);
    else stray.push(line);
  }
  const guessed: TraceKind =
    kind ??
    (stray.some((l) => /^Using dak\b/.test(l.text))
      ? 'master'
      : !fields.length && !stray.length && dateLine?.time !== undefined
        ? 'date-only'
        : 'site');
  return { kind: guessed, text, ...(dateLine ? { dateLine } : {}), firstLineIsField, fields, stray };
}

export function parseHierarchy(text: string): HierarchyFile {
  const hops: HierarchyHop[] = [];
  const bad: TraceLine[] = [];
  for (const line of splitLines(text)) {
    if (line.text.trim() === '') continue;
    const w = words(line);
    if (w.length !== 4) {
      bad.push(line);
      continue;
    }
    const [traceFile, mirrorName, traceHost, rsyncHost] = w.map((s) => text.slice(s.start, s.end)) as [
      string,
      string,
      string,
      string,
    ];
    hops.push({ traceFile, mirrorName, traceHost, rsyncHost, line: line.line, span: line, words: w });
  }
  return { kind: 'hierarchy', text, hops, bad };
}

export function parseTraceList(text: string): TraceListFile {
  const names: TraceLine[] = [];
  const bad: TraceLine[] = [];
  for (const line of splitLines(text)) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    if (/\s/.test(trimmed)) bad.push(line);
    else names.push({ ...line, text: trimmed });
  }
  return { kind: 'traces', text, names, bad };
}

/** What the text looks like when the name does not say (an untitled document, a renamed copy): its first line decides. */
function guessKind(text: string): TraceFileKind {
  const first = splitLines(text).find((l) => l.text.trim() !== '');
  if (!first || parseDateLine(first.text) !== undefined || /^[A-Za-z][A-Za-z -]*:/.test(first.text)) return 'site';
  const n = words(first).length;
  return n === 4 ? 'hierarchy' : n === 1 ? 'traces' : 'site';
}

/** How a path says to read a file: ftpsync's own names, any other name a site trace, no path a guess from the text. */
export function kindHint(path: string | undefined): TraceFileKind | undefined {
  return kindOfName(path) ?? (path ? 'site' : undefined);
}

/** Any file of project/trace/, read as `hint` says (see kindHint), or as its text looks without one. */
export function parseWithHint(text: string, hint: TraceFileKind | undefined): TraceDocument {
  const kind = hint ?? guessKind(text);
  if (kind === 'hierarchy') return parseHierarchy(text);
  if (kind === 'traces') return parseTraceList(text);
  return parseTrace(text, kind === 'site' ? undefined : kind);
}

/** Any file of project/trace/, by its name (`path`) or, without one, by its text. */
export function parseTraceDocument(text: string, path?: string): TraceDocument {
  return parseWithHint(text, kindHint(path));
}

/** The value the mirror checker sees for a field: names compared ignoring case, the last line wins. */
export function fieldValue(doc: TraceFile, name: string): string | undefined {
  const key = name.toLowerCase();
  for (let i = doc.fields.length - 1; i >= 0; i--) if (doc.fields[i]!.key === key) return doc.fields[i]!.value;
  return undefined;
}

/**
 * The value ftpsync's `extract_trace_field` finds: `awk -F': ' '$1=="NAME" {print $2; exit}'`, so the
 * exact name (case and blanks) before the first `: `, the first such line, and only the text up to a
 * further `: `; `echo $value` then squeezes blanks. Undefined where ftpsync prints nothing.
 */
export function ftpsyncFieldValue(doc: TraceFile, name: string): string | undefined {
  for (const f of doc.fields) {
    const parts = doc.text.slice(f.span.start, f.span.end).split(': ');
    if (parts.length < 2 || parts[0] !== name) continue;
    const value = parts[1]!.trim().split(/\s+/).join(' ');
    return value === '' ? undefined : value;
  }
  return undefined;
}
