import { runRules } from '../rule';
import type { LanguageService } from '../service';
import { complete, folding, hover, symbols } from './features';
import { parseAuthorizedKeys } from './parser';
import { AUTHKEYS_RULES } from './rules';
import { cachedParser } from '../parse-cache';

export { parseAuthorizedKeys, parseAuthorizedKeysLine } from './parser';
export { formatTriggerLine } from './trigger';

export const parseCached = cachedParser(parseAuthorizedKeys);

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
