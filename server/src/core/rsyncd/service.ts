import { runRules } from '../rule';
import type { LanguageService } from '../service';
import { lineIndex } from '../text';
import { findSecretsDefinition } from '../secrets/crossfile';
import { complete, definition, dependencies, folding, hover, links, symbols } from './features';
import { parseRsyncd, type RsyncdDocument } from './parser';
import { RSYNCD_RULES } from './rules';

let cached: RsyncdDocument | undefined;

/** Parses once per text: hover, completion and validation of one version share the tree. */
export function parseCached(text: string): RsyncdDocument {
  if (cached?.text !== text) cached = parseRsyncd(text);
  return cached;
}

export const rsyncdService: LanguageService = {
  id: 'rsyncd-conf',
  rules: RSYNCD_RULES.map((r) => r.meta),
  validate(text, ctx, options) {
    return runRules(RSYNCD_RULES, parseCached(text), ctx, options?.levels);
  },
  hover: (text, offset) => hover(parseCached(text), offset),
  complete: (text, offset) => complete(parseCached(text), offset),
  symbols: (text) => symbols(parseCached(text)),
  folding: (text) => folding(parseCached(text), lineIndex(text)),
  links: (text) => links(parseCached(text)),
  // A repeated module header leads to its first header; an `auth users` entry to its secrets line.
  definition: (text, offset, ctx) => [...definition(parseCached(text), offset, ctx), ...findSecretsDefinition(text, offset, ctx)],
  dependencies: (text) => dependencies(parseCached(text)),
};
