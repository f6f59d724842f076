import type { Fix, Span } from '../../types';
import type { ParamEntry, RsyncdDocument } from '../parser';
import { docIndex, linesByValue, viewsOf, type KnownParam } from '../doc-index';
import { firstHeader, parameterKey } from '../model';
import { PARAMETERS, type ParameterType } from '../parameters';

// Shared plumbing of the rsyncd.conf rules: lookups in the per-document parameter
// index (doc-index.ts), and value tokenising with document spans.

/** Every parameter line with rsync key `key`, in document order. */
export function paramsWithKey(doc: RsyncdDocument, key: string): readonly ParamEntry[] {
  const indices = docIndex(doc).byKey.get(key);
  return indices ? viewsOf(doc.params, indices) : [];
}

/** Known parameters of one type, with their table entry. */
export function typedParams(doc: RsyncdDocument, type: ParameterType): readonly KnownParam[] {
  const indices = docIndex(doc).byType.get(type);
  return indices ? (viewsOf(doc.params, indices) as KnownParam[]) : [];
}

/** rsync keys of the parameters of the given types. */
export function keysOfType(...types: ParameterType[]): string[] {
  return PARAMETERS.filter((p) => types.includes(p.type)).map((p) => parameterKey(p.name));
}

/**
 * Each distinct value of the lines with one of `keys` that rsync reads (not ignored), with views of
 * those lines made only when `judge` finds something: value rules see each value once.
 */
export function forEachValue<T>(
  doc: RsyncdDocument,
  keys: readonly string[],
  judge: (value: string, key: string) => T | undefined,
  each: (p: KnownParam, finding: T) => void,
): void {
  for (const key of keys) {
    for (const [value, lines] of linesByValue(doc, key)) {
      const finding = judge(value, key);
      if (finding === undefined) continue;
      for (const p of viewsOf(doc.params, lines)) each(p as KnownParam, finding);
    }
  }
}

/** A global-only parameter in a module is ignored by rsync: rules about its value stay quiet. */
export function isIgnored(p: ParamEntry): boolean {
  const info = p.info;
  return !info || (info.scope === 'global' && !p.section.isGlobal);
}

export interface Token extends Span {
  text: string;
  /** Index in the value. */
  index: number;
}

/** Splits a parameter value on any of `separators`, with each token's document span. */
export function tokens(p: ParamEntry, separators: string): Token[] {
  return splitTokens(p.value, separators).map(([from, to]) => ({
    text: p.value.slice(from, to),
    index: from,
    ...valueSpan(p, from, to),
  }));
}

/** `[from, to)` index pairs of the tokens of `v` between any of `separators`. */
export function splitTokens(v: string, separators: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && separators.includes(v[i])) i++;
    const from = i;
    while (i < v.length && !separators.includes(v[i])) i++;
    if (i > from) out.push([from, i]);
  }
  return out;
}

/** Document span of `value[from..to)`. */
export function valueSpan(p: ParamEntry, from: number, to: number): Span {
  const start = p.valueOffset(from);
  const end = to > from ? p.valueOffset(to - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}

/** The fix that moves a parameter line above the first section header, where the daemon's startup read sees it. */
export function moveAboveFirstHeader(doc: RsyncdDocument, p: ParamEntry, name: string): Fix[] {
  const first = firstHeader(doc);
  if (!first) return [];
  return [
    {
      title: `Move ${quote(name)} above the first header`,
      preferred: true,
      edits: [
        { start: first.span.start, end: first.span.start, newText: `${name} = ${p.value}\n` },
        { ...lineSpanWithBreak(doc, p.span), newText: '' },
      ],
    },
  ];
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
  return value.includes('%') && /%[A-Z][^%]*%/.test(value);
}

export function quote(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

/**
 * Memoises a pure function of a value string. Large files repeat the same values across thousands of
 * modules (`hosts allow`, `log format`, `refuse options`), so rules compute their findings once per
 * distinct value and map them to spans only when there is something to report.
 */
export function memoByValue<T>(compute: (value: string) => T, limit = 10_000): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    let found = cache.get(value);
    if (found === undefined && !cache.has(value)) {
      found = compute(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, found);
    }
    return found as T;
  };
}
