import type { NetworkInterfaceInfo } from 'node:os';
import type { DownstreamNode } from '../inventory/model';
import { explainRoutes, fromList, routeSources, type RouteOptions, type RouteSource } from '../net/route';
import { applyInventory } from '../ssh/inventory';
import { resolveSettings } from '../ssh/settings';
import type { SshConfigFile } from '../ssh/sshConfig';
import { english, type Translate } from '../l10n';
import { machineAddresses } from './trigger';

// What to suggest for a trigger key's `from=`: the address each downstream sees this host connect
// from, which is the source address of the route to it (not simply one of this host's interfaces:
// a downstream on 127.0.1.x sees 127.0.0.1, one behind a VPN sees the tunnel's address).

export interface DownstreamTarget {
  /** ShortName, for messages. */
  name: string;
  /** The address or name ssh connects to (after inventory and ~/.ssh/config HostName). */
  address: string;
}

export interface FromSuggestion {
  /** The from= list to suggest; empty when nothing is known. */
  from: string;
  /** Which address was used and why, for the user: "the source address this host uses to reach …". */
  why: string;
  /** Whether it came from the routes (else from this host's interface addresses). */
  fromRoutes: boolean;
}

/** Where ssh connects for a downstream of the view: its inventory host, through ~/.ssh/config's HostName. */
export function targetOf(node: DownstreamNode, sshConfig: SshConfigFile): DownstreamTarget | undefined {
  const host = node.inventory?.host ?? node.host;
  if (!host) return undefined;
  const d = applyInventory({ name: node.name, host, type: 'all' }, node.inventory);
  return { name: node.name, address: resolveSettings(d, { sshConfig }).address };
}

/** from= for one downstream: its route's source address(es), else this host's interface addresses. */
export async function suggestFrom(
  target: DownstreamTarget,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  options?: RouteOptions,
  t: Translate = english,
): Promise<FromSuggestion> {
  const found = await routeSources(target.address, options);
  if (found.routes.length)
    return { from: fromList(found.routes), why: explainRoutes(target.name, found.routes, t), fromRoutes: true };
  const own = machineAddresses(interfaces).map((a) => a.address);
  const problem = found.problems.join('; ') || t('no route to {0}', target.address);
  return {
    from: own.join(','),
    why: own.length
      ? t("{0}; this host's interface addresses instead", problem)
      : t('{0}; no address of this host to offer', problem),
    fromRoutes: false,
  };
}

export interface SourceChoice {
  /** The source address, a from= entry. */
  source: string;
  family: RouteSource['family'];
  /** The downstreams reached from it, and the routes that say so. */
  downstreams: { name: string; destination: string }[];
}

/** Route sources for several downstreams, each source once with the downstreams that use it (looked up a few at a time). */
export async function routeChoices(
  targets: readonly DownstreamTarget[],
  options?: RouteOptions,
  parallel = 8,
): Promise<SourceChoice[]> {
  const bySource = new Map<string, SourceChoice>();
  const queue = [...targets];
  const results: { target: DownstreamTarget; routes: RouteSource[] }[] = [];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift())
      results.push({ target: t, routes: (await routeSources(t.address, options)).routes });
  };
  await Promise.all(Array.from({ length: Math.min(parallel, targets.length) }, worker));
  // In the targets' order, so the list reads like the runmirrors list.
  results.sort((a, b) => targets.indexOf(a.target) - targets.indexOf(b.target));
  for (const { target, routes } of results) {
    for (const r of routes) {
      const choice = bySource.get(r.source) ?? { source: r.source, family: r.family, downstreams: [] };
      choice.downstreams.push({ name: target.name, destination: r.destination });
      bySource.set(r.source, choice);
    }
  }
  return [...bySource.values()].sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

/** "the source address this host uses to reach eu.two and eu.three, as `ip route get 127.0.1.2` and … show" (at most 3 commands). */
export function describeChoice(
  c: SourceChoice,
  names: (n: readonly string[]) => string,
  t: Translate = english,
): string {
  const shown = c.downstreams
    .slice(0, 3)
    .map((d) => ({ destination: d.destination, family: c.family, source: c.source }));
  return explainRoutes(names(c.downstreams.map((d) => d.name)), shown, t);
}
