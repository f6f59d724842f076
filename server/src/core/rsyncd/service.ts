import { runRules } from '../rule';
import { findSecretsDefinition } from '../secrets/crossfile';
import type { LanguageService } from '../service';
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
  definition: (text, offset, ctx) => findSecretsDefinition(text, offset, ctx),
};
