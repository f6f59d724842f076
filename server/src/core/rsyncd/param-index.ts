import { parameterByKey, type ParameterInfo, type ParameterType } from './parameters';
import type { ParamEntry, RsyncdDocument } from './model';

// Local bindings: under tsx (CommonJS) every call through an imported binding is a getter call,
// which shows in per-character loops.
const parameterByKeyLocal = parameterByKey;

// One pass over a parsed document that every rule and the module view share: each parameter line
// with its table entry, by key and by type. Cached per parsed document, so 34 rules over 5,000
// modules cost one walk instead of one per rule.

export interface KnownParam {
  p: ParamEntry;
  info: ParameterInfo;
  /** A global-only parameter inside a module: rsync ignores the line, so value rules stay quiet. */
  ignored: boolean;
}

export interface ParamIndex {
  /** Known parameters in document order. */
  known: readonly KnownParam[];
  /** Lines whose name is not an rsync parameter. */
  unknown: readonly ParamEntry[];
  byKey: ReadonlyMap<string, readonly ParamEntry[]>;
  byType: ReadonlyMap<ParameterType, readonly KnownParam[]>;
}

const INDEX = new WeakMap<RsyncdDocument, ParamIndex>();

export function paramIndex(doc: RsyncdDocument): ParamIndex {
  let index = INDEX.get(doc);
  if (!index) {
    index = build(doc);
    INDEX.set(doc, index);
  }
  return index;
}

function build(doc: RsyncdDocument): ParamIndex {
  const known: KnownParam[] = [];
  const unknown: ParamEntry[] = [];
  const byKey = new Map<string, ParamEntry[]>();
  const byType = new Map<ParameterType, KnownParam[]>();
  for (const section of doc.sections) {
    for (const p of section.params) {
      const list = byKey.get(p.key);
      if (list) list.push(p);
      else byKey.set(p.key, [p]);
      const info = parameterByKeyLocal(p.key);
      if (!info) {
        unknown.push(p);
        continue;
      }
      const k: KnownParam = { p, info, ignored: info.scope === 'global' && !section.isGlobal };
      known.push(k);
      const typed = byType.get(info.type);
      if (typed) typed.push(k);
      else byType.set(info.type, [k]);
    }
  }
  return { known, unknown, byKey, byType };
}
