import type { DocumentSymbolInfo } from '../core/service';
import type { Problem, Severity } from '../core/types';
import { DEFAULT_MAX_BYTES, formatBytes } from '../node/files';

// What the server takes on for one document. A document comes from the client, not from disk, so the
// file reader's cap does not reach it; the same figure applies here, so the editor, the CLI and the
// files a check reads (includes, secrets files) share one limit. Beyond it nothing is parsed: a
// 200 MB rsyncd.conf would take minutes and gigabytes, and no config is that large.

/** Documents longer than this (in UTF-16 code units, about bytes for config text) are not checked. */
export const MAX_DOCUMENT_LENGTH = DEFAULT_MAX_BYTES;

/**
 * Diagnostics published per document, the line saying how many were left out included. VS Code shows at
 * most 1,000 of a file (its extension host drops the rest for one "Not showing N further" line, most
 * severe first whatever the rule): publishing more shows nothing more and costs every keystroke (5,000
 * diagnostics are 2 MB of JSON to encode, send and parse), and capping here keeps a share for every rule.
 */
export const MAX_DIAGNOSTICS = 1000;

/**
 * Outline symbols sent per document, as VS Code's own JSON and YAML servers cap them
 * (`json.maxItemsComputed`). A 5,000-module rsyncd.conf has 20,000 (modules and their lines), 4.4 MB
 * of JSON the editor parses and converts again after every pause in typing, which kept a quick-fix
 * menu from opening.
 */
export const MAX_SYMBOLS = 5000;

/**
 * At most `max` symbols: every top-level one (up to `max`), and the children of the first ones, in
 * document order, while they fit. The outline still lists every module; only lines are left out.
 */
export function capSymbols(symbols: readonly DocumentSymbolInfo[], max = MAX_SYMBOLS): readonly DocumentSymbolInfo[] {
  if (countSymbols(symbols) <= max) return symbols;
  const top = symbols.slice(0, max);
  let left = max - top.length;
  return top.map((s) => {
    const children = s.children ? countSymbols(s.children) : 0;
    if (children <= left) {
      left -= children;
      return s;
    }
    const { children: _dropped, ...alone } = s;
    return alone;
  });
}

function countSymbols(symbols: readonly DocumentSymbolInfo[]): number {
  let n = symbols.length;
  for (const s of symbols) if (s.children) n += countSymbols(s.children);
  return n;
}

export function isTooLarge(text: string): boolean {
  return text.length > MAX_DOCUMENT_LENGTH;
}

/** The one problem a document over the cap gets, on its first character. */
export function tooLargeProblem(length: number): Problem {
  return {
    code: 'internal/too-large',
    severity: 'warning',
    start: 0,
    end: 0,
    message: `This document has ${length} characters; Push Mirror checks documents of up to ${MAX_DOCUMENT_LENGTH} (${formatBytes(MAX_DOCUMENT_LENGTH)}, the cap for every file it reads), so it was not checked.`,
  };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The problems as the editor gets them: at most MAX_DIAGNOSTICS, the most severe first. VS Code draws
 * squiggles for the first 500 diagnostics of a file in the order they come (the Problems view sorts
 * them itself): in document order, an error below 500 warnings had none.
 */
export function forEditor(problems: readonly Problem[]): readonly Problem[] {
  // A stable sort: document order within a severity.
  return [...capProblems(problems)].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/**
 * At most MAX_DIAGNOSTICS - 1 problems and one line saying how many were left out. Every rule keeps a share:
 * they are taken in turns, one problem of each rule (the most severe rules first) in document order.
 */
export function capProblems(problems: readonly Problem[]): readonly Problem[] {
  if (problems.length <= MAX_DIAGNOSTICS) return problems;
  const room = MAX_DIAGNOSTICS - 1;
  const byCode = new Map<string, Problem[]>();
  for (const p of problems) {
    const group = byCode.get(p.code);
    if (group) group.push(p);
    else byCode.set(p.code, [p]);
  }
  let groups = [...byCode.values()].sort((a, b) => RANK[a[0].severity] - RANK[b[0].severity]);
  const kept: Problem[] = [];
  for (let turn = 0; kept.length < room; turn++) {
    groups = groups.filter((g) => turn < g.length);
    for (const g of groups.slice(0, room - kept.length)) kept.push(g[turn]);
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  return [
    {
      code: 'internal/too-many-problems',
      severity: 'information',
      start: 0,
      end: 0,
      message: `${problems.length - room} more problems (of ${problems.length}) are not shown here; \`push-mirror check\` on the file lists more.`,
    },
    ...kept,
  ];
}
