import { fieldValue, type HierarchyFile, type HierarchyHop, type TraceFile, type TraceListFile } from './parser';

// The mirror hierarchy from the `_hierarchy` files mirrors serve: upstream chain → this mirror →
// downstreams, with what is wrong in it. ftpsync writes each hop as
// `<tracefile> <MIRRORNAME> <TRACEHOST> <RSYNC_HOST>` after the upstream's lines (it copies the
// upstream's `_hierarchy.mirror`), so a chain reads root first, and each hop's RSYNC_HOST should name
// the hop above it. Who pushes a downstream comes from the runmirrors lists (and inventories) that
// name it: one list is one push path (wiki.debian.org/Teams/Mirrors/PushRedundancy asks for two).

export type HierarchyFindingCode =
  'loop' | 'upstream-mismatch' | 'upstream-mirror-differs' | 'not-via-this-mirror' | 'single-push-path' | 'unreadable';

export interface HierarchyFinding {
  code: HierarchyFindingCode;
  /** `warning`: the hierarchy is broken; `info`: worth knowing (one push path). */
  level: 'warning' | 'info';
  /** The downstream it is about; undefined for this mirror's own chain. */
  downstream?: string;
  message: string;
}

export interface HierarchyDownstreamInput {
  name: string;
  host?: string;
  /** Lists (upstreams) that push it. */
  pushedBy: readonly string[];
  hierarchy?: HierarchyFile;
  traces?: TraceListFile;
  site?: TraceFile;
  /** Why its files could not be read. */
  error?: string;
}

export interface HierarchyInput {
  /** Names downstreams may use for this mirror as RSYNC_HOST (MIRRORNAME, TRACEHOST, aliases), compared ignoring case. */
  selfNames: readonly string[];
  /** This mirror's own `_hierarchy`, for the chain above it. */
  selfHierarchy?: HierarchyFile;
  downstreams: readonly HierarchyDownstreamInput[];
}

export interface HierarchyDownstream {
  name: string;
  host?: string;
  pushedBy: readonly string[];
  /** Its chain, root first, its own hop last. */
  chain: readonly HierarchyHop[];
  /** RSYNC_HOST it pulls from: its own hop's last word, else its trace's Upstream-mirror. */
  pullsFrom?: string;
  /** Its `_traces`, oldest first. */
  traces: readonly string[];
  findings: HierarchyFinding[];
}

export interface HierarchyModel {
  /** Above this mirror, root first (this mirror's own hop left out). */
  upstreams: readonly HierarchyHop[];
  /** This mirror's own hop, when its `_hierarchy` was given. */
  self?: HierarchyHop;
  downstreams: readonly HierarchyDownstream[];
  /** Every finding, this mirror's chain first. */
  findings: readonly HierarchyFinding[];
}

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

function chainFindings(chain: readonly HierarchyHop[], downstream: string | undefined): HierarchyFinding[] {
  const out: HierarchyFinding[] = [];
  const seen = new Map<string, number>();
  chain.forEach((hop, i) => {
    const key = hop.mirrorName.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      out.push({
        code: 'loop',
        level: 'warning',
        ...(downstream ? { downstream } : {}),
        message: `${hop.mirrorName} appears twice in the chain (hops ${first + 1} and ${i + 1}): the mirrors pull from each other in a loop`,
      });
    else seen.set(key, i);
    const above = chain[i - 1];
    if (above && !same(hop.rsyncHost, above.mirrorName) && !same(hop.rsyncHost, above.traceHost))
      out.push({
        code: 'upstream-mismatch',
        level: 'warning',
        ...(downstream ? { downstream } : {}),
        message: `${hop.mirrorName} pulls from RSYNC_HOST ${hop.rsyncHost}, but the hop above it is ${above.mirrorName} (host ${above.traceHost}): an alias or round-robin name can hand out different upstreams`,
      });
  });
  return out;
}

function downstreamModel(
  d: HierarchyDownstreamInput,
  input: HierarchyInput,
  upstreams: readonly HierarchyHop[],
): HierarchyDownstream {
  const chain = d.hierarchy?.hops ?? [];
  const own = chain[chain.length - 1];
  const upstreamMirror = d.site ? fieldValue(d.site, 'Upstream-mirror') : undefined;
  const pullsFrom = own?.rsyncHost ?? upstreamMirror;
  const findings: HierarchyFinding[] = [];
  const name = d.name;
  if (d.error) findings.push({ code: 'unreadable', level: 'warning', downstream: name, message: d.error });
  findings.push(...chainFindings(chain, name));
  if (upstreams.some((u) => same(u.mirrorName, name) || same(u.traceHost, d.host)))
    findings.push({
      code: 'loop',
      level: 'warning',
      downstream: name,
      message: `${name} is pushed by this mirror and is also above it in its chain: a push loop`,
    });
  if (own && upstreamMirror && !same(own.rsyncHost, upstreamMirror))
    findings.push({
      code: 'upstream-mirror-differs',
      level: 'warning',
      downstream: name,
      message: `its trace says Upstream-mirror ${upstreamMirror}, its _hierarchy line says RSYNC_HOST ${own.rsyncHost}: written by different runs or archive configs`,
    });
  if (pullsFrom && input.selfNames.length && !input.selfNames.some((n) => same(n, pullsFrom)))
    findings.push({
      code: 'not-via-this-mirror',
      level: 'warning',
      downstream: name,
      message: `pushed by this mirror but pulls from ${pullsFrom}: a push makes it sync from there, which may not have the new version yet`,
    });
  if (d.pushedBy.length <= 1)
    findings.push({
      code: 'single-push-path',
      level: 'info',
      downstream: name,
      message: `one push path (${d.pushedBy[0] ?? 'this mirror'} only): while it is down, ${name} gets no push`,
    });
  return {
    name,
    ...(d.host ? { host: d.host } : {}),
    pushedBy: d.pushedBy,
    chain,
    ...(pullsFrom ? { pullsFrom } : {}),
    traces: d.traces?.names.map((n) => n.text) ?? [],
    findings,
  };
}

export function buildHierarchy(input: HierarchyInput): HierarchyModel {
  const selfChain = input.selfHierarchy?.hops ?? [];
  const self = selfChain[selfChain.length - 1];
  const upstreams = selfChain.slice(0, -1);
  const own = chainFindings(selfChain, undefined);
  const downstreams = input.downstreams.map((d) => downstreamModel(d, input, upstreams));
  return {
    upstreams,
    ...(self ? { self } : {}),
    downstreams,
    findings: [...own, ...downstreams.flatMap((d) => d.findings)],
  };
}

/** Downstreams keyed by host, merged across lists: one entry per downstream, every list that pushes it. */
export function mergePushPaths<T extends { name: string; host?: string; list: string }>(
  entries: readonly T[],
): { name: string; host?: string; pushedBy: string[] }[] {
  const byKey = new Map<string, { name: string; host?: string; pushedBy: string[] }>();
  for (const e of entries) {
    const key = (e.host ?? e.name).toLowerCase();
    const found = byKey.get(key);
    if (found) {
      if (!found.pushedBy.includes(e.list)) found.pushedBy.push(e.list);
    } else byKey.set(key, { name: e.name, ...(e.host ? { host: e.host } : {}), pushedBy: [e.list] });
  }
  return [...byKey.values()];
}
