import * as os from 'node:os';
import * as path from 'node:path';
import { mergePushPaths } from '../../server/src/core/trace/hierarchy';
import { parseHierarchy } from '../../server/src/core/trace/parser';
import { readRegularFile } from '../../server/src/node/files';
import { allDownstreams, type ListNode } from '../engine/inventory/model';
import type { FtpsyncArchive } from '../engine/logs/ftpsync';
import type { HierarchySource } from '../engine/traces/hierarchy';

// What the Hierarchy view reads: every downstream the Downstreams view knows, merged by host across
// lists (each list that pushes it is one push path), with its inventory trace URL; this host's own
// `_hierarchy`; and the names a downstream may give this host as RSYNC_HOST. No `vscode` import.

/** Downstreams pushed by the lists (and inventories) of the model, one per host, with every list that pushes it. */
export function hierarchySources(roots: readonly ListNode[]): HierarchySource[] {
  const entries = roots.flatMap((list) =>
    allDownstreams([list])
      .filter((n) => n.type !== 'none')
      .map((n) => ({ name: n.name, ...(n.host ? { host: n.host } : {}), list: list.label, traceUrl: n.traceUrl })),
  );
  const traceOf = new Map<string, string>();
  for (const e of entries) if (e.traceUrl && !traceOf.has(e.name)) traceOf.set(e.name, e.traceUrl);
  return mergePushPaths(entries).map((m) => ({
    ...m,
    ...(traceOf.get(m.name) ? { traceUrl: traceOf.get(m.name)! } : {}),
  }));
}

/** This host's `_hierarchy`: the default archive's (else the first's), if it has synced. */
export async function readSelfHierarchy(archives: readonly FtpsyncArchive[]): Promise<string | undefined> {
  const archive = archives.find((a) => a.archive === 'default') ?? archives[0];
  if (!archive) return undefined;
  try {
    const file = path.join(archive.to, 'project', 'trace', '_hierarchy');
    return (await readRegularFile(file, { maxBytes: 256 * 1024 })).toString('utf8');
  } catch {
    return undefined; // a mirror that never synced has none
  }
}

/**
 * Names a downstream may use for this host as RSYNC_HOST: MIRRORNAME and TRACEHOST of its own
 * `_hierarchy` line and of its configs, its host name, and its addresses (a downstream pulling from
 * one of them pulls from this host).
 */
export function selfNames(
  archives: readonly FtpsyncArchive[],
  selfHierarchy: string | undefined,
  host: { hostname: string; interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> } = {
    hostname: os.hostname(),
    interfaces: os.networkInterfaces(),
  },
): string[] {
  const own = selfHierarchy ? parseHierarchy(selfHierarchy).hops.pop() : undefined;
  const names = [
    ...(own ? [own.mirrorName, own.traceHost] : []),
    ...archives.flatMap((a) => (a.mirrorName ? [a.mirrorName] : [])),
    host.hostname,
    ...Object.values(host.interfaces).flatMap((list) => (list ?? []).map((i) => i.address)),
  ];
  return [...new Set(names.filter(Boolean))];
}
