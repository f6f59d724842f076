import { authorizedKeysService } from './authkeys/service';
import { ftpsyncService } from './ftpsync/service';
import { inetdService } from './inetd/service';
import { inventoryService } from './inventory/service';
import { mirrorListService } from './mirrors/service';
import { rsyncdService } from './rsyncd/service';
import { secretsService } from './secrets/service';
import { traceService } from './trace/service';
import type { LanguageService } from './service';
import { CHECKED_LANGUAGE_IDS, type LanguageId } from './languages';
import type { RuleMeta } from './types';

// The service of every checked language (languages.ts) and, through them, every rule. The CLI, the
// server, the rule reference (docs/rules.md) and the manifest test all read it from here. The map's
// type makes a language with rules but no service a compile error.

const SERVICE_OF: Readonly<Record<LanguageId, LanguageService>> = {
  'rsyncd-conf': rsyncdService,
  'rsyncd-secrets': secretsService,
  'ssh-authorized-keys': authorizedKeysService,
  'runmirrors-mirror': mirrorListService,
  'ftpsync-conf': ftpsyncService,
  'inetd-conf': inetdService,
  'pushmirror-inventory': inventoryService,
  'ftpsync-trace': traceService,
};

export const SERVICES: readonly LanguageService[] = CHECKED_LANGUAGE_IDS.map((id) => SERVICE_OF[id]);

export function serviceFor(languageId: string): LanguageService | undefined {
  return Object.hasOwn(SERVICE_OF, languageId) ? SERVICE_OF[languageId as LanguageId] : undefined;
}

export const RULES: readonly RuleMeta[] = SERVICES.flatMap((s) => s.rules);

export function ruleByCode(code: string): RuleMeta | undefined {
  return RULES.find((r) => r.code === code);
}

/** Anchor of a rule in docs/rules.md: `rsyncd/unknown-parameter` → `rsyncd-unknown-parameter`. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

export { languageForPath } from './languages';
