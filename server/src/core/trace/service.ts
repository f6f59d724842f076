import { cachedParser } from '../parse-cache';
import { runRules } from '../rule';
import type { DocumentSymbolInfo, LanguageService } from '../service';
import type { CheckContext } from '../types';
import { traceHover } from './hover';
import { kindHint, parseWithHint, type TraceDocument, type TraceFileKind } from './parser';
import { TRACE_RULES } from './rules';

// The ftpsync-trace language: every file of a mirror's project/trace/ directory (site traces,
// `-stage1`, `master`, `_hierarchy`, `_traces`). The file name decides how it is read; an untitled
// document is read as its text looks.

const parseCached = cachedParser((keyed: string) => {
  const cut = keyed.indexOf('\u0000');
  return parseWithHint(keyed.slice(cut + 1), (keyed.slice(0, cut) || undefined) as TraceFileKind | undefined);
});

function parse(text: string, ctx: CheckContext | undefined): TraceDocument {
  return parseCached(`${kindHint(ctx?.path) ?? ''}\u0000${text}`);
}

export const traceService: LanguageService = {
  id: 'ftpsync-trace',
  rules: TRACE_RULES.map((r) => r.meta),

  validate(text, ctx, options) {
    return runRules(TRACE_RULES, parse(text, ctx), ctx, options?.levels);
  },

  hover(text, offset, ctx) {
    return traceHover(parse(text, ctx), offset, ctx.now ?? Date.now());
  },

  symbols(text, ctx): DocumentSymbolInfo[] {
    const doc = parse(text, ctx);
    if (doc.kind === 'hierarchy')
      return doc.hops.map((h) => ({
        name: h.mirrorName,
        detail: `pulls from ${h.rsyncHost}`,
        kind: 'object',
        start: h.span.start,
        end: h.span.end,
        selection: h.words[1]!,
      }));
    if (doc.kind === 'traces')
      return doc.names.map((n) => ({ name: n.text, kind: 'file', start: n.start, end: n.end }));
    return doc.fields
      .filter((f) => f.name !== '')
      .map((f) => ({
        name: f.name,
        detail: f.value,
        kind: 'property',
        start: f.span.start,
        end: f.span.end,
        selection: f.nameSpan,
      }));
  },
};
