import { splitLines, type PhysicalLine } from '../text';
import type { Span } from '../types';
import {
  mergeEntries,
  ParsedHeader,
  ParsedSection,
  sectionKey,
  type DirectiveEntry,
  type EmptyNameEntry,
  type Entry,
  type HeaderError,
  type NoEqualsEntry,
  type RsyncdDocument,
} from './model';
import { ParamTable } from './param-table';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call.
const sectionKeyLocal = sectionKey;

// What the Scanner (scanner.ts) has read so far, as the document takes it: the sections in the order
// rsync opens them, the parameter lines in their table, every other entry, and the lines rsync
// rejects. A scan can start from it part-way through a text (reparse.ts).

/** Where a scan resumes after an edit (reparse.ts): what the reader holds when it reaches `pos`. */
export interface ScanState {
  /** The start of a header line (or 0) that the unchanged text before it brings the reader to. */
  pos: number;
  params: ParamTable;
  /** The sections before `pos`, the last being the one read there; none to start at the beginning. */
  sections: ParsedSection[];
  others: Entry[];
  badLines: (NoEqualsEntry | EmptyNameEntry)[];
  /** True to stop before the header at `offset`: the text from there on reads as it did before the edit. */
  stop?: (offset: number) => boolean;
}

/** The entries each parse kept beside its parameter lines, for reading an edited text again (reparse.ts). */
const OTHERS = new WeakMap<RsyncdDocument, readonly Entry[]>();

export function scannedOthers(doc: RsyncdDocument): readonly Entry[] | undefined {
  return OTHERS.get(doc);
}

export class DocumentBuilder {
  readonly sections: ParsedSection[];
  readonly params: ParamTable;
  /** Every entry but the parameter lines, which go to `params`. */
  readonly others: Entry[];
  readonly badLines: (NoEqualsEntry | EmptyNameEntry)[];
  /** The section being read: the last of `sections`. */
  section: ParsedSection;

  constructor(text: string, state?: ScanState) {
    this.sections = state?.sections ?? [];
    this.params = state?.params ?? new ParamTable(text, this.sections);
    this.others = state?.others ?? [];
    this.badLines = state?.badLines ?? [];
    this.section = this.sections[this.sections.length - 1];
    if (!this.section) {
      this.section = new ParsedSection('global', 'global', true, 0, 0, true, this.params, 0);
      this.sections.push(this.section);
    }
  }

  /** Ends the section being read at `offset`: its span, and its parameter lines so far. */
  closeSection(offset: number): void {
    this.section.end = offset;
    this.section.to = this.params.count;
  }

  addComment(span: Span): void {
    this.others.push({ kind: 'comment', span });
  }

  addDirective(entry: DirectiveEntry): void {
    this.others.push(entry);
    this.section.addDirective(entry);
  }

  /** A line rsync rejects: an entry, and one of the document's bad lines. */
  addBad(entry: NoEqualsEntry | EmptyNameEntry): void {
    this.others.push(entry);
    this.badLines.push(entry);
  }

  /** A header read at `[start, spanEnd)`: it ends the section being read and opens the next. */
  openSection(
    start: number,
    spanEnd: number,
    name: string,
    nameSpan: Span,
    trailing: Span | undefined,
    error: HeaderError | undefined,
  ): void {
    const lower = sectionKeyLocal(name);
    const isGlobal = !error && lower === 'global';
    if (!error && !isGlobal && name.includes('/')) error = 'slash';
    const header = new ParsedHeader(start, spanEnd, name, nameSpan.start, nameSpan.end, isGlobal);
    if (trailing) header.trailing = trailing;
    if (error) header.error = error;
    this.others.push(header);
    this.closeSection(start);
    this.section = new ParsedSection(
      isGlobal ? 'global' : name,
      isGlobal ? 'global' : lower,
      isGlobal,
      start,
      spanEnd,
      false,
      this.params,
      this.params.count,
      header,
    );
    this.sections.push(this.section);
  }

  /** The document of `text`, once the scan (and whatever reparse.ts appends after it) is done. */
  finish(text: string, endedAt: number | undefined): RsyncdDocument {
    const { others, sections } = this;
    let lines: PhysicalLine[] | undefined;
    let entries: Entry[] | undefined;
    const doc: RsyncdDocument = {
      text,
      // Computed on first use: validation of a large file rarely needs them.
      get lines() {
        return (lines ??= splitLines(text));
      },
      get entries() {
        return (entries ??= mergeEntries(others, sections));
      },
      params: this.params,
      badLines: this.badLines,
      sections,
      bom: text.charCodeAt(0) === 0xfeff,
      ...(endedAt !== undefined ? { endedAt } : {}),
      ...(text.includes('\0') ? { nul: text.indexOf('\0') } : {}),
    };
    OTHERS.set(doc, others);
    return doc;
  }
}
