import { collectProblems, levelOf, MAX_PROBLEMS_PER_RULE, problemAt, sortProblems, type Rule } from '../rule';
import type { CheckContext, Fix, Problem, RuleLevel, TextEdit } from '../types';
import { readsFiles } from './includes';
import type { RsyncdDocument, Section } from './model';
import { partOf } from './part';
import type { Reparse } from './reparse';

// The rules after an edit, from the problems of the text before it. When the edit leaves the modules
// and what they inherit as they were (the same headers, the same global lines), a section rule runs on
// the modules whose sections were read again (with the global sections, which every module sees) and
// keeps its other problems, moved with the text; document rules run on the whole document. Anything
// else, and any doubt (a problem in the global sections, which any module may have caused; a fix that
// points into the edited text; a context that changed), runs the rule on the whole document, so the
// result is always the one a full check gives (incremental.test.ts compares them).

type Rules = readonly Rule<RsyncdDocument>[];
type Levels = Readonly<Record<string, RuleLevel>>;

export interface RuleResults {
  /** Each rule's problems, in the order of the rules, each list sorted by place. */
  byRule: Problem[][];
  /** Each rule's `context` on the document (section rules that read a whole-document fact). */
  contexts: (string | undefined)[];
}

export function checkWhole(rules: Rules, doc: RsyncdDocument, ctx: CheckContext, levels: Levels): RuleResults {
  return {
    byRule: rules.map((rule) => run(rule, doc, ctx, levels)),
    contexts: rules.map((rule) => rule.context?.(doc, ctx)),
  };
}

function run(rule: Rule<RsyncdDocument>, doc: RsyncdDocument, ctx: CheckContext, levels: Levels): Problem[] {
  const level = levelOf(rule, levels);
  return level === 'off' ? [] : sortProblems(collectProblems(rule, doc, ctx, level, []));
}

const KEPT = 0;
const REDONE = 1;
const GLOBAL = 2;

/** The results for `re.doc`, from `prev`'s for the document before the edit; undefined for a full check. */
export function checkEdit(
  rules: Rules,
  prev: { doc: RsyncdDocument; results: RuleResults },
  re: Reparse,
  ctx: CheckContext,
  levels: Levels,
): RuleResults | undefined {
  const old = prev.doc;
  const doc = re.doc;
  if (re.newEnd !== re.oldEnd) return undefined;
  for (let i = re.first; i < re.oldEnd; i++)
    if (!sameHeader(old, old.sections[i], doc, doc.sections[i])) return undefined;
  // Included files are read in the daemon's order, across sections: any edit may change what they add.
  if (ctx.host && (readsFiles(old) || readsFiles(doc))) return undefined;
  const globalsSame = sameGlobals(old, doc, re.first, re.oldEnd);
  const keys = new Set<string>();
  for (let i = re.first; i < re.newEnd; i++) if (!doc.sections[i].isGlobal) keys.add(doc.sections[i].key);
  const redone = (s: Section) => !s.isGlobal && keys.has(s.key);
  const part = partOf(
    doc,
    doc.sections.filter((s) => s.isGlobal || redone(s)),
  );
  const kinds = { old: kindsOf(old, redone), doc: kindsOf(doc, redone) };
  const results: RuleResults = { byRule: [], contexts: [] };
  rules.forEach((rule, i) => {
    const context = rule.context?.(doc, ctx);
    results.contexts.push(context);
    const level = levelOf(rule, levels);
    const again =
      rule.scope === 'section' && globalsSame && context === prev.results.contexts[i]
        ? level === 'off'
          ? []
          : redo(rule, level, prev.results.byRule[i], { old, doc, part, kinds, re }, ctx)
        : undefined;
    results.byRule.push(again ?? run(rule, doc, ctx, levels));
  });
  return results;
}

interface Edit {
  old: RsyncdDocument;
  doc: RsyncdDocument;
  part: RsyncdDocument;
  kinds: { old: Uint8Array; doc: Uint8Array };
  re: Reparse;
}

/** A section rule's problems: the kept ones moved, the redone modules' found again; undefined for a full run. */
function redo(
  rule: Rule<RsyncdDocument>,
  level: Exclude<RuleLevel, 'off'>,
  before: readonly Problem[],
  edit: Edit,
  ctx: CheckContext,
): Problem[] | undefined {
  if (before.length >= MAX_PROBLEMS_PER_RULE) return undefined;
  const kept: Problem[] = [];
  for (const p of before) {
    const kind = edit.kinds.old[sectionAt(edit.old.sections, p.start)];
    if (kind === GLOBAL) return undefined;
    if (kind === REDONE) continue;
    const moved = move(p, edit.re);
    if (!moved) return undefined;
    kept.push(moved);
  }
  const fresh = sortProblems(collectProblems(rule, edit.part, ctx, level, []));
  for (const p of fresh)
    if (p.code !== rule.meta.code || edit.kinds.doc[sectionAt(edit.doc.sections, p.start)] !== REDONE) return undefined;
  const merged = mergeSorted(kept, fresh);
  return merged.length > MAX_PROBLEMS_PER_RULE ? undefined : merged;
}

/** Per section: a global one, one of a module read again, or one kept. */
function kindsOf(doc: RsyncdDocument, redone: (s: Section) => boolean): Uint8Array {
  const kinds = new Uint8Array(doc.sections.length);
  doc.sections.forEach((s, i) => (kinds[i] = s.isGlobal ? GLOBAL : redone(s) ? REDONE : KEPT));
  return kinds;
}

/** The section an offset lies in: the last one starting at or before it. */
export function sectionAt(sections: readonly Section[], offset: number): number {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sections[mid].span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** An offset of the old text in the new one; -1 inside the text read again. */
function moveOffset(offset: number, re: Reparse): number {
  return offset <= re.start ? offset : offset >= re.oldStop ? offset + re.delta : -1;
}

/** The problem at its place in the new text (itself when nothing moves); undefined when a fix points into the edit. */
function move(p: Problem, re: Reparse): Problem | undefined {
  const start = moveOffset(p.start, re);
  const end = moveOffset(p.end, re);
  if (start < 0 || end < 0) return undefined;
  let fixes = p.fixes;
  if (fixes) {
    const moved = moveFixes(fixes, re);
    if (!moved) return undefined;
    fixes = moved;
  }
  if (start === p.start && end === p.end && fixes === p.fixes) return p;
  return problemAt(p.code, p.severity, start, end, p.message, fixes, p.unnecessary, p.deprecated);
}

/** The fixes with their edits moved (the same array when none moves); undefined when an edit points into the edit. */
function moveFixes(fixes: Fix[], re: Reparse): Fix[] | undefined {
  let out: Fix[] | undefined;
  for (let i = 0; i < fixes.length; i++) {
    const fix = fixes[i];
    let edits: TextEdit[] | undefined;
    for (let k = 0; k < fix.edits.length; k++) {
      const e = fix.edits[k];
      const start = moveOffset(e.start, re);
      const end = moveOffset(e.end, re);
      if (start < 0 || end < 0) return undefined;
      const same = start === e.start && end === e.end;
      if (!same) edits ??= fix.edits.slice(0, k);
      edits?.push(same ? e : { ...e, start, end });
    }
    if (edits && !out) out = fixes.slice(0, i);
    if (out) out.push(edits ? { ...fix, edits } : fix);
  }
  return out ?? fixes;
}

/**
 * The rules' problems in one list, in document order, as `sortProblems` puts them (equal places in the
 * order of the rules): each list is sorted already, so they are merged, in pairs, rather than sorted again.
 */
export function mergeByPlace(lists: readonly Problem[][]): Problem[] {
  const nonEmpty = lists.filter((l) => l.length);
  if (nonEmpty.length <= 1) return nonEmpty.length ? [...nonEmpty[0]] : [];
  let round = nonEmpty;
  while (round.length > 1) {
    const next: Problem[][] = [];
    for (let i = 0; i < round.length; i += 2)
      next.push(i + 1 < round.length ? mergeSorted(round[i], round[i + 1]) : round[i]);
    round = next;
  }
  return round[0];
}

/** Two sorted lists in one; on equal places `a`'s first. */
function mergeSorted(a: Problem[], b: Problem[]): Problem[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out: Problem[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    out[k++] = x.start < y.start || (x.start === y.start && x.end <= y.end) ? a[i++] : b[j++];
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** A header read again reads as before: same text, so the same module, name and error. */
function sameHeader(old: RsyncdDocument, s: Section, doc: RsyncdDocument, t: Section): boolean {
  const a = s.header;
  const b = t.header;
  if (!a || !b) return !a && !b;
  return (
    s.key === t.key &&
    s.isGlobal === t.isGlobal &&
    a.name === b.name &&
    a.error === b.error &&
    old.text.slice(a.span.start, a.span.end) === doc.text.slice(b.span.start, b.span.end)
  );
}

/** The global sections read again hold the same lines: every module sees the same globals as before. */
function sameGlobals(old: RsyncdDocument, doc: RsyncdDocument, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const s = old.sections[i];
    const t = doc.sections[i];
    if (!s.isGlobal) continue;
    const a = s.range;
    const b = t.range;
    if (a.to - a.from !== b.to - b.from) return false;
    for (let k = 0; k < a.to - a.from; k++) {
      if (a.table.record(a.from + k).name !== b.table.record(b.from + k).name) return false;
      if (a.table.value(a.from + k) !== b.table.value(b.from + k)) return false;
    }
    const d = s.directives;
    const e = t.directives;
    if (d.length !== e.length || d.some((x, k) => x.name !== e[k].name || x.argument !== e[k].argument)) return false;
    const bad = (doc: RsyncdDocument, section: Section) =>
      JSON.stringify(doc.badLines.filter((l) => l.section === section).map((l) => [l.kind, 'text' in l && l.text]));
    if (bad(old, s) !== bad(doc, t)) return false;
  }
  return true;
}
