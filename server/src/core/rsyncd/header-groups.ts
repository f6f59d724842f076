import type { RsyncdDocument, Section } from './model';

// The module headers of a document grouped by rsync's key: which sections re-open an earlier module.
// An edit that leaves every header as it was leaves the grouping as it was, so reparse.ts hands it on
// to the edited document, and a keystroke in a 5,000-module file does not group every header again.

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
