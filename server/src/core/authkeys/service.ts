import { runRules } from '../rule';
import type { LanguageService } from '../service';
import { complete, folding, hover, symbols } from './features';
import { parseAuthorizedKeys, type AuthorizedKeysDocument } from './parser';
import { AUTHKEYS_RULES } from './rules';

export { parseAuthorizedKeys, parseAuthorizedKeysLine } from './parser';
export { formatTriggerLine } from './trigger';

let cached: AuthorizedKeysDocument | undefined;

/** Parses once per text: hover, completion and validation of one version share the parse (and the key decoding). */
export function parseCached(text: string): AuthorizedKeysDocument {
  if (cached?.text !== text) cached = parseAuthorizedKeys(text);
  return cached;
}

export const authorizedKeysService: LanguageService = {
  id: 'ssh-authorized-keys',
  rules: AUTHKEYS_RULES.map((r) => r.meta),
  validate(text, ctx, options) {
    return runRules(AUTHKEYS_RULES, parseCached(text), ctx, options?.levels);
  },
  hover: (text, offset) => hover(parseCached(text), offset),
  complete: (text, offset) => complete(parseCached(text), offset),
  symbols: (text) => symbols(parseCached(text)),
  folding: (text) => folding(parseCached(text)),
};
