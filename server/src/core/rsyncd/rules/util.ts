import type { Reporter, Rule } from '../../rule';
import type { CheckContext, Severity, Span } from '../../types';
import type { ParamEntry, RsyncdDocument } from '../parser';
import { parameterByKey, type ParameterInfo } from '../parameters';

// Shared plumbing of the rsyncd.conf rules: the rule shorthand, a per-document index of parameters by
// key (so 5,000 modules cost one pass, not one per rule), and value tokenising with document spans.

export function rsyncdRule(
  name: string,
  severity: Severity,
  summary: string,
  docs: string[],
  check: (doc: RsyncdDocument, report: Reporter, ctx: CheckContext) => void,
): Rule<RsyncdDocument> {
  return { meta: { code: `rsyncd/${name}`, language: 'rsyncd-conf', severity, summary, docs: docs.join('\n') }, check };
}

const INDEX = new WeakMap<RsyncdDocument, Map<string, ParamEntry[]>>();

/** Every parameter line with rsync key `key`, in document order. */
export function paramsWithKey(doc: RsyncdDocument, key: string): readonly ParamEntry[] {
  let index = INDEX.get(doc);
  if (!index) {
    index = new Map();
    for (const section of doc.sections) {
      for (const p of section.params) {
        const list = index.get(p.key);
        if (list) list.push(p);
        else index.set(p.key, [p]);
      }
    }
    INDEX.set(doc, index);
  }
  return index.get(key) ?? [];
}

/** Known parameters of the given types, with their table entry. */
export function* typedParams(doc: RsyncdDocument, types: readonly string[]): Generator<[ParamEntry, ParameterInfo]> {
  for (const section of doc.sections) {
    for (const p of section.params) {
      const info = parameterByKey(p.key);
      if (info && types.includes(info.type)) yield [p, info];
    }
  }
}

/** A global-only parameter in a module is ignored by rsync: rules about its value stay quiet. */
export function isIgnored(p: ParamEntry): boolean {
  const info = parameterByKey(p.key);
  return !info || (info.scope === 'global' && !p.section.isGlobal);
}

export interface Token extends Span {
  text: string;
  /** Index in the value. */
  index: number;
}

/** Splits a parameter value on any of `separators`, with each token's document span. */
export function tokens(p: ParamEntry, separators: string): Token[] {
  const out: Token[] = [];
  const v = p.value;
  let i = 0;
  while (i < v.length) {
    while (i < v.length && separators.includes(v[i])) i++;
    const from = i;
    while (i < v.length && !separators.includes(v[i])) i++;
    if (i > from) out.push({ text: v.slice(from, i), index: from, ...valueSpan(p, from, i) });
  }
  return out;
}

/** Document span of `value[from..to)`. */
export function valueSpan(p: ParamEntry, from: number, to: number): Span {
  const start = p.valueOffset(from);
  const end = to > from ? p.valueOffset(to - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}

/** Span of the whole line, newline included, for deleting it. */
export function lineSpanWithBreak(doc: RsyncdDocument, span: Span): Span {
  let start = span.start;
  while (start > 0 && doc.text[start - 1] !== '\n') start--;
  let end = doc.text.indexOf('\n', span.end);
  end = end < 0 ? doc.text.length : end + 1;
  return { start, end };
}

/** Whether the value holds a `%VAR%` that rsync may expand at run time (then we cannot judge it). */
export function hasExpansion(value: string): boolean {
  return /%[A-Z][^%]*%/.test(value);
}

export function quote(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}
