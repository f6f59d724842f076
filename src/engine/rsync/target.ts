import { effective, ftpsyncDoc, moduleName } from '../../../server/src/core/ftpsync/model';
import { rsyncWords } from '../../../server/src/core/ftpsync/rsync-args';
import { english, type Translate } from '../l10n';

// Where an ftpsync.conf syncs from, as ftpsync would connect: RSYNC_HOST, the module of RSYNC_PATH,
// RSYNC_USER and RSYNC_PASSWORD after ftpsync's defaults, and the port a `--port=` in RSYNC_EXTRA or
// RSYNC_OPTIONS gives (ftpsync has no port setting). Read with the pure parser from the document's
// text, so the password never passes through the language server.

export interface UpstreamTarget {
  host: string;
  module: string;
  user?: string;
  port?: number;
  /** RSYNC_PROXY, handed to rsync as ftpsync does. */
  proxy?: string;
}

export interface TargetReading {
  target?: UpstreamTarget;
  /** Kept apart from the target so nothing that prints a target can print it. */
  password?: string;
  /** Why no login can be tried, in words for the user. */
  problem?: string;
}

export function upstreamTarget(text: string, path?: string, t: Translate = english): TargetReading {
  const doc = ftpsyncDoc(text, path ? { path } : {});
  const get = (name: string) => effective(doc, name).value;
  if (get('RSYNC_SOURCE'))
    return { problem: t('RSYNC_SOURCE is set; the login test reads RSYNC_HOST and RSYNC_PATH.') };
  const host = get('RSYNC_HOST');
  if (host === undefined)
    return { problem: t('RSYNC_HOST depends on something that runs when ftpsync starts; it is not known here.') };
  if (!host) return { problem: t('RSYNC_HOST is not set.') };
  if (!/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)$/.test(host))
    return { problem: t('RSYNC_HOST "{0}" is not a bare host name (see the diagnostic on it).', host) };
  const transport = get('RSYNC_TRANSPORT');
  if (transport && transport !== 'undefined')
    return {
      problem: t('{0}: the login test covers plain rsync daemon connections only.', `RSYNC_TRANSPORT=${transport}`),
    };
  const modulePath = get('RSYNC_PATH');
  if (modulePath === undefined) return { problem: t('RSYNC_PATH is not known here.') };
  const module = moduleName(modulePath);
  if (!module) return { problem: t('RSYNC_PATH names no module.') };
  const user = get('RSYNC_USER');
  const password = get('RSYNC_PASSWORD');
  if (user === undefined || password === undefined)
    return { problem: t('RSYNC_USER or RSYNC_PASSWORD is not known here.') };
  let port: number | undefined;
  for (const name of ['RSYNC_EXTRA', 'RSYNC_OPTIONS']) {
    const value = get(name) ?? '';
    for (const option of rsyncWords(value).options) {
      if (option.name !== 'port' || option.value === undefined) continue;
      const n = Number(option.value);
      if (Number.isInteger(n) && n > 0 && n < 65536) port = n;
    }
  }
  const proxy = get('RSYNC_PROXY');
  return {
    target: { host, module, ...(user ? { user } : {}), ...(port ? { port } : {}), ...(proxy ? { proxy } : {}) },
    ...(password ? { password } : {}),
  };
}

/** `rsync://[user@]host[:port]/module/path`: the daemon form that takes a port and IPv6 addresses. */
export function rsyncUrl(target: UpstreamTarget, path = ''): string {
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  const user = target.user ? `${target.user}@` : '';
  return `rsync://${user}${host}${target.port ? `:${target.port}` : ''}/${target.module}/${path}`;
}
