import type { CheckContext, FileFacts, HostAccess } from '../../../server/src/core/types';
import { secretsService } from '../../../server/src/core/secrets/service';

// Shared fixtures for the secrets tests: a workspace with one rsyncd.conf beside the secrets file,
// and a fake host whose stat answers are given per test. No real file is touched.

export const SECRETS_PATH = '/srv/example/rsyncd.secrets';
export const CONF_PATH = '/srv/example/rsyncd.conf';

export function ctxWith(conf?: string, extra: Partial<CheckContext> = {}): CheckContext {
  return {
    path: SECRETS_PATH,
    workspace:
      conf === undefined
        ? []
        : [{ uri: `file://${CONF_PATH}`, path: CONF_PATH, languageId: 'rsyncd-conf', text: conf }],
    ...extra,
  };
}

export function fakeHost(facts: Partial<FileFacts> & { text?: Record<string, string> } = {}): HostAccess {
  return {
    stat: () => ({ exists: true, isDirectory: false, mode: 0o600, uid: 0, ...facts }),
    readDir: () => undefined,
    readText: (p) => facts.text?.[p],
    homeDir: '/root',
    uid: 0,
  };
}

export function problems(text: string, ctx: CheckContext = {}, code?: string) {
  return secretsService.validate(text, ctx).filter((p) => !code || p.code === code);
}

/** The text each problem covers, for readable assertions. */
export function covered(text: string, ctx: CheckContext = {}, code?: string): string[] {
  return problems(text, ctx, code).map((p) => text.slice(p.start, p.end));
}
