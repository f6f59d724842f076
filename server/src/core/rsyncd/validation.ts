import { runRules } from '../rule';
import type { ValidateOptions } from '../service';
import type { CheckContext, Problem, RuleLevel, WorkspaceDocument } from '../types';
import { checkEdit, checkWhole, mergeByPlace, type RuleResults } from './incremental';
import type { RsyncdDocument } from './model';
import { parseRsyncdCached } from './parser';
import { reparseRsyncd } from './reparse';
import { RSYNCD_RULES } from './rules';

// The rules' problems on a text. When the session names the document (ValidateOptions.incremental),
// the last check of it is kept, and the next text is checked from it (reparse.ts, incremental.ts) as
// long as nothing else the rules read has changed: the same file path, settings, file-system answers
// and other documents. A few documents are kept; the rest are checked in full when they change again.

const DOCUMENTS_KEPT = 8;

interface LastCheck {
  doc: RsyncdDocument;
  results: RuleResults;
  hostGeneration: number;
  path: string | undefined;
  host: CheckContext['host'];
  workspace: readonly WorkspaceDocument[] | undefined;
  levels: Readonly<Record<string, RuleLevel>>;
}

const LAST = new Map<string, LastCheck>();

/** The rules' problems on `text`, sorted, and the document they were found in. */
export function checkRsyncd(
  text: string,
  ctx: CheckContext,
  options?: ValidateOptions,
): { doc: RsyncdDocument; problems: Problem[] } {
  const levels = options?.levels ?? {};
  const incremental = options?.incremental;
  if (!incremental) {
    const doc = parseRsyncdCached(text);
    return { doc, problems: runRules(RSYNCD_RULES, doc, ctx, levels) };
  }
  const last = LAST.get(incremental.key);
  LAST.delete(incremental.key);
  let doc: RsyncdDocument | undefined;
  let results: RuleResults | undefined;
  if (last && sameSituation(last, ctx, levels, incremental)) {
    if (last.doc.text === text) ({ doc, results } = last);
    else {
      const re = reparseRsyncd(last.doc, text);
      if (re) {
        doc = re.doc;
        parseRsyncdCached.remember(text, doc);
        results = checkEdit(RSYNCD_RULES, last, re, ctx, levels);
      }
    }
  }
  doc ??= parseRsyncdCached(text);
  results ??= checkWhole(RSYNCD_RULES, doc, ctx, levels);
  if (LAST.size >= DOCUMENTS_KEPT) LAST.delete(LAST.keys().next().value!);
  LAST.set(incremental.key, {
    doc,
    results,
    hostGeneration: incremental.hostGeneration,
    path: ctx.path,
    host: ctx.host,
    workspace: ctx.workspace,
    levels,
  });
  return { doc, problems: mergeByPlace(results.byRule) };
}

function sameSituation(
  last: LastCheck,
  ctx: CheckContext,
  levels: Readonly<Record<string, RuleLevel>>,
  incremental: { key: string; hostGeneration: number },
): boolean {
  return (
    last.hostGeneration === incremental.hostGeneration &&
    last.path === ctx.path &&
    last.host === ctx.host &&
    sameLevels(last.levels, levels) &&
    sameDocuments(last.workspace, ctx.workspace, incremental.key, ctx.path)
  );
}

function sameLevels(a: Readonly<Record<string, RuleLevel>>, b: Readonly<Record<string, RuleLevel>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The other documents are the same (the checked one itself is in the list too, with its new text). */
function sameDocuments(
  a: readonly WorkspaceDocument[] | undefined,
  b: readonly WorkspaceDocument[] | undefined,
  uri: string,
  path: string | undefined,
): boolean {
  if (!a || !b) return a === b;
  const others = (list: readonly WorkspaceDocument[]) =>
    list.filter((d) => d.uri !== uri && (path === undefined || d.path !== path));
  const x = others(a);
  const y = others(b);
  return (
    x.length === y.length &&
    x.every(
      (d, i) => d.uri === y[i].uri && d.path === y[i].path && d.languageId === y[i].languageId && d.text === y[i].text,
    )
  );
}
