import type { InventoryEntry } from '../inventory/inventory';
import { expandHome } from '../keys/keyFile';
import type { Downstream } from '../ssh/downstream';
import type { TraceHttp } from './http';
import { HttpTraceSource, type TraceSource } from './sources';
import { SshLogSource, type SshLogDeps } from './sshLog';
import type { WatchTarget } from './watch';

// Where each downstream's progress is read, from pushmirror.yaml: its `traceUrl` over HTTP(S) (what
// users and the mirror checker see), else its `log` over ssh with the log identity. The trigger key is
// never used for reading: its forced command only starts the sync.

export interface SourceDeps {
  http: TraceHttp;
  /** Needed for `log` sources; without it they are unwatched. */
  ssh?: SshLogDeps;
  home?: string;
}

/** The source for one downstream, or why there is none. */
export function sourceFor(
  d: Pick<Downstream, 'name' | 'host' | 'user' | 'port'>,
  inv: InventoryEntry | undefined,
  deps: SourceDeps,
): { source: TraceSource } | { reason: string } {
  if (inv?.traceUrl) return { source: new HttpTraceSource(inv.traceUrl, deps.http) };
  const log = inv?.log;
  if (!log) return { reason: `no traceUrl or log for ${d.name} in pushmirror.yaml` };
  if (!log.identityFile)
    return {
      reason: `set log.identityFile for ${d.name} in pushmirror.yaml: the trigger key cannot read logs, its forced command only starts the sync`,
    };
  if (!deps.ssh) return { reason: `${d.name}'s log is read over ssh, which this caller does not offer` };
  const host = log.host ?? inv?.host ?? d.host;
  const user = log.user ?? inv?.user ?? d.user;
  const port = log.port ?? (log.host ? undefined : (inv?.port ?? d.port));
  return {
    source: new SshLogSource(
      d.name,
      {
        path: log.path,
        host,
        ...(user ? { user } : {}),
        ...(port ? { port } : {}),
        identityFile: expandHome(log.identityFile, deps.home),
      },
      deps.ssh,
    ),
  };
}

/** Watch targets for downstreams, each matched to its inventory entry by name. */
export function watchTargets(
  downstreams: readonly Pick<Downstream, 'name' | 'host' | 'user' | 'port'>[],
  inventory: ReadonlyMap<string, InventoryEntry> | undefined,
  deps: SourceDeps,
): WatchTarget[] {
  return downstreams.map((d) => {
    const found = sourceFor(d, inventory?.get(d.name), deps);
    return 'source' in found ? { name: d.name, source: found.source } : { name: d.name, unwatchedReason: found.reason };
  });
}
