import {
  ParsedHeader,
  ParsedSection,
  type DirectiveEntry,
  type EmptyNameEntry,
  type Entry,
  type NoEqualsEntry,
  type RsyncdDocument,
  type Section,
} from './model';
import { keepHeaderGroups } from './doc-index';
import { ParamTable } from './param-table';
import { scannedOthers } from './scan-document';
import { Scanner } from './scanner';

// An edited text read again from the section the edit starts in, as far as the first header after it
// that the previous reading also met: params.c reads a header the same whatever came before it, so
// from there the previous document holds, moved. A keystroke in a 5,000-module file reads one section
// instead of 45,000 lines. The result is the document `parseRsyncd(text)` gives (a property test holds
// it to that), with new objects wherever an offset or a table is involved.

export interface Reparse {
  doc: RsyncdDocument;
  /** Sections `[first, oldEnd)` of the previous document were read again as `[first, newEnd)`. */
  first: number;
  oldEnd: number;
  newEnd: number;
  /** Characters `[start, oldStop)` of the previous text are `[start, oldStop + delta)` of the new one. */
  start: number;
  oldStop: number;
  delta: number;
}

/** The parse of `text`, made from `prev` (the parse of an earlier text); undefined when it cannot be. */
export function reparseRsyncd(prev: RsyncdDocument, text: string): Reparse | undefined {
  const prevOthers = scannedOthers(prev);
  // rsync stops reading at a NUL, so what follows one depends on where it is: read such texts whole.
  if (!prevOthers || prev.nul !== undefined || prev.endedAt !== undefined || text.includes('\0')) return undefined;
  const old = prev.text;
  const same = commonPrefix(old, text);
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - same);
  const delta = text.length - old.length;
  const sections = prev.sections;
  // A header whose `[` comes before the first changed character is still read as a header, in the same state.
  const first = lastHeaderBefore(sections, same);
  const start = first === 0 ? 0 : sections[first].span.start;
  const rowsBefore = first === 0 ? 0 : sections[first].range.from;
  const newSections: ParsedSection[] = [];
  const params = ParamTable.derive(prev.params, text, newSections, rowsBefore);
  const copies = new Copies(params);
  for (let i = 0; i < first; i++) newSections.push(copies.section(sections[i], 0, 0, sections[i].header));
  const others: Entry[] = [];
  const before = firstAtOrAfter(prevOthers, start);
  for (let i = 0; i < before; i++) others.push(copies.entry(prevOthers[i], 0));
  const badLines = prev.badLines
    .slice(0, firstAtOrAfter(prev.badLines, start))
    .map((e) => copies.entry(e, 0) as NoEqualsEntry | EmptyNameEntry);

  let oldEnd = sections.length;
  const suffixFrom = text.length - tail;
  const stop = (offset: number): boolean => {
    if (offset < suffixFrom) return false;
    const m = headerAt(sections, offset - delta);
    if (m < 0) return false;
    oldEnd = m;
    return true;
  };
  const scanner = new Scanner(text, { pos: start, params, sections: newSections, others, badLines, stop });
  const stoppedAt = scanner.scan();
  const newEnd = newSections.length;
  if (stoppedAt >= 0) {
    const fromRow = sections[oldEnd].range.from;
    const rowDelta = params.count - fromRow;
    params.appendMoved(prev.params, fromRow, prev.params.count, delta, newEnd - oldEnd);
    for (let i = oldEnd; i < sections.length; i++) {
      const header = (sections[i].header as ParsedHeader).moved(delta);
      newSections.push(copies.section(sections[i], delta, rowDelta, header));
    }
    // Headers come in the same order among the entries as the sections they open.
    let nextHeader = oldEnd;
    for (let i = firstAtOrAfter(prevOthers, stoppedAt - delta); i < prevOthers.length; i++) {
      const e = prevOthers[i];
      others.push(e.kind === 'header' ? newSections[nextHeader++ - oldEnd + newEnd].header! : copies.entry(e, delta));
    }
    for (let i = firstAtOrAfter(prev.badLines, stoppedAt - delta); i < prev.badLines.length; i++)
      badLines.push(copies.entry(prev.badLines[i], delta) as NoEqualsEntry | EmptyNameEntry);
  }
  const doc = scanner.finish();
  if (newEnd === oldEnd) keepHeaderGroups(prev, doc, first, newEnd);
  return {
    doc,
    first,
    oldEnd,
    newEnd,
    start,
    oldStop: stoppedAt >= 0 ? stoppedAt - delta : old.length,
    delta,
  };
}

/** Copies of sections and entries for the new document, moved by some characters and table rows. */
class Copies {
  /** Previous entries that name their section (directives, bad lines) → their copies, so both lists share them. */
  private readonly done = new Map<Entry, Entry>();
  private readonly sections = new Map<Section, ParsedSection>();

  constructor(private readonly table: ParamTable) {}

  section(s: Section, delta: number, rowDelta: number, header: ParsedSection['header']): ParsedSection {
    const copy = new ParsedSection(
      s.name,
      s.key,
      s.isGlobal,
      s.span.start + delta,
      s.span.end + delta,
      s.beforeFirstHeader,
      this.table,
      s.range.from + rowDelta,
      header,
    );
    copy.to = s.range.to + rowDelta;
    this.sections.set(s, copy);
    for (const d of s.directives) copy.addDirective(this.entry(d, delta) as DirectiveEntry);
    return copy;
  }

  /** The entry for the new document: itself when nothing in it changes (comments and headers before the edit). */
  entry(e: Entry, delta: number): Entry {
    const done = this.done.get(e);
    if (done) return done;
    const span = (s: { start: number; end: number }) => ({ start: s.start + delta, end: s.end + delta });
    let copy: Entry;
    switch (e.kind) {
      case 'comment':
        return delta === 0 ? e : { kind: 'comment', span: span(e.span) };
      case 'header':
      case 'param':
        return e;
      case 'directive':
        copy = {
          ...e,
          span: span(e.span),
          nameSpan: span(e.nameSpan),
          argumentSpan: span(e.argumentSpan),
          section: this.sections.get(e.section)!,
        };
        break;
      default:
        copy = { ...e, span: span(e.span), section: this.sections.get(e.section)! };
    }
    this.done.set(e, copy);
    return copy;
  }
}

// Blocks compared as strings (a memory compare in V8), large first: a 1 MB text in well under a millisecond.
const BLOCKS = [1 << 16, 1 << 12, 1 << 8, 1 << 4];

/** Length of the common start of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (const block of BLOCKS) while (i + block <= n && a.slice(i, i + block) === b.slice(i, i + block)) i += block;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  const x = a.length;
  const y = b.length;
  let i = 0;
  for (const block of BLOCKS)
    while (i + block <= max && a.slice(x - i - block, x - i) === b.slice(y - i - block, y - i)) i += block;
  while (i < max && a.charCodeAt(x - 1 - i) === b.charCodeAt(y - 1 - i)) i++;
  return i;
}

/** The last section (after the implicit first one) whose header starts before `offset`, else 0. */
function lastHeaderBefore(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid].span.start < offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The section whose header starts at `offset`, or -1. */
function headerAt(sections: readonly Section[], offset: number): number {
  const i = lastHeaderBefore(sections, offset + 1);
  return i > 0 && sections[i].span.start === offset ? i : -1;
}

/** Index of the first entry (sorted by start) that starts at or after `offset`. */
function firstAtOrAfter(entries: readonly { span: { start: number } }[], offset: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
