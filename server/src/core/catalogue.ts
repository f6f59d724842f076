import { authorizedKeysService } from './authkeys/service';
import { inventoryService } from './inventory/service';
import { mirrorListService } from './mirrors/service';
import { rsyncdService } from './rsyncd/service';
import { secretsService } from './secrets/service';
import type { LanguageService } from './service';
import type { LanguageId, RuleMeta } from './types';

// The one list of languages and, through them, of every rule. The CLI, the server, the rule
// reference (docs/rules.md) and the manifest test all read it from here.

export const SERVICES: readonly LanguageService[] = [
  rsyncdService,
  secretsService,
  authorizedKeysService,
  mirrorListService,
  inventoryService,
];
export function serviceFor(languageId: string): LanguageService | undefined {
  return SERVICES.find((s) => s.id === languageId);
}

export const RULES: readonly RuleMeta[] = SERVICES.flatMap((s) => s.rules);

export function ruleByCode(code: string): RuleMeta | undefined {
  return RULES.find((r) => r.code === code);
}

/** Anchor of a rule in docs/rules.md: `rsyncd/unknown-parameter` → `rsyncd-unknown-parameter`. */
export function ruleAnchor(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Which language a file is, from its name alone (the CLI has no editor to ask). */
export function languageForPath(path: string): LanguageId | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  const dir = path.replace(/\\/g, '/').split('/').slice(-2, -1)[0] ?? '';
  if (base === 'rsyncd.conf' || base.endsWith('.rsyncd.conf') || /^rsyncd[-.].*\.conf$/.test(base))
    return 'rsyncd-conf';
  if (dir === 'rsyncd.conf.d' && /\.(conf|inc)$/.test(base)) return 'rsyncd-conf';
  if (base === 'rsyncd.secrets' || base.endsWith('.secrets') || base.startsWith('rsyncd.secrets.'))
    return 'rsyncd-secrets';
  if (/^authorized_keys2?$/.test(base) || base.endsWith('.authorized_keys') || dir === 'authorized_keys.d')
    return 'ssh-authorized-keys';
  if (/^runmirrors.*\.mirror(\.sample)?$/.test(base)) return 'runmirrors-mirror';
  if (base === 'pushmirror.yaml' || base === 'pushmirror.yml') return 'pushmirror-inventory';
  return undefined;
}
