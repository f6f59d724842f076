import { runRules } from '../rule';
import type { LanguageService } from '../service';
import { lineIndex } from '../text';
import { findSecretsDefinition } from '../secrets/crossfile';
import { complete, definition, dependencies, folding, hover, links, symbols } from './features';
import { parseRsyncdCached } from './parser';
import { expansion, nestedContext } from './includes';
import { RSYNCD_RULES } from './rules';
import { checkRsyncd } from './validation';

/** Rules that judge the daemon's merged modules or globals; they already see included files through the expansion. */
const WHOLE_CONFIG = new Set(
  [
    'duplicate-module',
    'missing-path',
    'writable-without-auth',
    'auth-without-secrets-file',
    'root-writable',
    'secrets-file-permissions',
    'proxy-protocol-without-hosts',
  ].map((n) => `rsyncd/${n}`),
);
/** Rules run on each included file's own text. */
const FILE_RULES = RSYNCD_RULES.filter((r) => !WHOLE_CONFIG.has(r.meta.code));

export const rsyncdService: LanguageService = {
  id: 'rsyncd-conf',
  rules: RSYNCD_RULES.map((r) => r.meta),
  validate(text, ctx, options) {
    const { doc, problems } = checkRsyncd(text, ctx, options);
    const files = ctx.host ? expansion(doc, ctx).files : [];
    if (!files.length) return problems;
    // Problems inside included files land on the directive that reads them, naming file and line.
    for (const file of files) {
      const lineOf = lineIndex(file.doc.text);
      for (const p of runRules(FILE_RULES, file.doc, nestedContext(ctx, file.path), options?.levels)) {
        problems.push({
          code: p.code,
          severity: p.severity,
          start: file.via.span.start,
          end: file.via.span.end,
          message: `${p.message} (in ${file.path} line ${lineOf(p.start).line + 1})`,
        });
      }
    }
    return problems.sort((a, b) => a.start - b.start || a.end - b.end);
  },
  hover: (text, offset, ctx) => hover(parseRsyncdCached(text), offset, ctx),
  complete: (text, offset) => complete(parseRsyncdCached(text), offset),
  symbols: (text, ctx) => symbols(parseRsyncdCached(text), ctx),
  folding: (text) => folding(parseRsyncdCached(text), lineIndex(text)),
  links: (text) => links(parseRsyncdCached(text)),
  // A repeated module header leads to its first header; an `auth users` entry to its secrets line.
  definition: (text, offset, ctx) => [
    ...definition(parseRsyncdCached(text), offset, ctx),
    ...findSecretsDefinition(text, offset, ctx),
  ],
  dependencies: (text) => dependencies(parseRsyncdCached(text)),
};
