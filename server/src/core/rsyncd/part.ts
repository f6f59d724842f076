import type { Entry, RsyncdDocument, Section } from './model';

// A document cut down to some of its sections, with the same text, offsets and parameter table: what
// section rules run on after an edit (incremental.ts). Its index (doc-index.ts) and its modules
// (modules.ts) hold those sections only; `whole` leads back to the document (see `firstHeader`).

export function partOf(doc: RsyncdDocument, sections: Section[]): RsyncdDocument {
  const inPart = new Set(sections);
  let entries: Entry[] | undefined;
  return {
    text: doc.text,
    get lines() {
      return doc.lines;
    },
    // Rules do not use it; made on request, from the entries that start inside the part's sections.
    get entries() {
      return (entries ??= doc.entries.filter((e) =>
        sections.some((s) => s.span.start <= e.span.start && e.span.start < Math.max(s.span.end, s.span.start + 1)),
      ));
    },
    params: doc.params,
    badLines: doc.badLines.filter((e) => inPart.has(e.section)),
    sections,
    bom: doc.bom,
    ...(doc.endedAt !== undefined ? { endedAt: doc.endedAt } : {}),
    ...(doc.nul !== undefined ? { nul: doc.nul } : {}),
    whole: doc,
  };
}
