import type { DirectiveEntry, EmptyNameEntry, HeaderEntry, NoEqualsEntry, ParamEntry, RsyncdDocument } from './model';
import type { ParameterInfo, ParameterType } from './parameters';

// One pass over a parsed document that every rule and the module view share: the parameter lines by
// key and by type, and the other entries by kind. Cached per parsed document, so 34 rules over 5,000
// modules cost one walk instead of one each.

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
  byKey: ReadonlyMap<string, readonly ParamEntry[]>;
  byType: ReadonlyMap<ParameterType, readonly KnownParam[]>;
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

function build(doc: RsyncdDocument): DocIndex {
  const index = {
    withCommentChar: [] as KnownParam[],
    quoted: [] as KnownParam[],
    withPercent: [] as ParamEntry[],
    globalInModule: [] as KnownParam[],
    unknown: [] as ParamEntry[],
    byKey: new Map<string, ParamEntry[]>(),
    byType: new Map<ParameterType, KnownParam[]>(),
    headers: [] as HeaderEntry[],
    directives: [] as DirectiveEntry[],
    noEquals: [] as NoEqualsEntry[],
    emptyNames: [] as EmptyNameEntry[],
  };
  // Sections hold only parameter lines: a loop over them sees one class, where one over `entries` sees six shapes.
  for (const section of doc.sections) {
    if (section.header) index.headers.push(section.header);
    for (const d of section.directives) index.directives.push(d);
    for (const e of section.params) {
      const list = index.byKey.get(e.key);
      if (list) list.push(e);
      else index.byKey.set(e.key, [e]);
      const v = e.value;
      if (v.includes('%')) index.withPercent.push(e);
      if (!e.info) {
        index.unknown.push(e);
        continue;
      }
      const k = e as KnownParam;
      if (v.includes('#') || v.includes(';')) index.withCommentChar.push(k);
      const first = v.charCodeAt(0);
      if (first === 34 || first === 39) index.quoted.push(k);
      if (ignoredHere(k)) index.globalInModule.push(k);
      const typed = index.byType.get(k.info.type);
      if (typed) typed.push(k);
      else index.byType.set(k.info.type, [k]);
    }
  }
  for (const e of doc.badLines) {
    if (e.kind === 'no-equals') index.noEquals.push(e);
    else index.emptyNames.push(e);
  }
  return index;
}
