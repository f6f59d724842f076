import type { LanguageId } from './languages';
import type { LanguageService } from './service';

// Each checked language's service, loaded on demand. The CLI's `check` of one rsyncd.conf then reads
// that service's code only: every service (and the YAML parser the inventory needs) costs ~35 ms of
// start-up, one ~5 ms. The server and the docs use catalogue.ts, which loads them all; a unit test holds
// this map to catalogue.ts's, so a language added there and forgotten here fails.

export const LOAD_SERVICE: Readonly<Record<LanguageId, () => Promise<LanguageService>>> = {
  'rsyncd-conf': async () => (await import('./rsyncd/service')).rsyncdService,
  'rsyncd-secrets': async () => (await import('./secrets/service')).secretsService,
  'ssh-authorized-keys': async () => (await import('./authkeys/service')).authorizedKeysService,
  'runmirrors-mirror': async () => (await import('./mirrors/service')).mirrorListService,
  'ftpsync-conf': async () => (await import('./ftpsync/service')).ftpsyncService,
  'inetd-conf': async () => (await import('./inetd/service')).inetdService,
  'pushmirror-inventory': async () => (await import('./inventory/service')).inventoryService,
  'ftpsync-trace': async () => (await import('./trace/service')).traceService,
};

export function loadService(languageId: string): Promise<LanguageService> | undefined {
  return Object.hasOwn(LOAD_SERVICE, languageId) ? LOAD_SERVICE[languageId as LanguageId]() : undefined;
}
