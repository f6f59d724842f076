import {
  buildHierarchy,
  type HierarchyDownstreamInput,
  type HierarchyModel,
} from '../../../server/src/core/trace/hierarchy';
import { parseHierarchy, parseTraceList, type HierarchyFile } from '../../../server/src/core/trace/parser';
import { Semaphore, shareSignal } from '../ssh/concurrency';
import { traceSiblings, type TraceHttp } from './http';
import { readTraceUrl } from './status';

// The hierarchy view's data: each downstream's `_hierarchy`, `_traces` and site trace, read beside its
// trace URL, and this mirror's own `_hierarchy`; the pure model (server/src/core/trace/hierarchy.ts)
// then says what is wrong in it.

export interface HierarchySource {
  name: string;
  host?: string;
  traceUrl?: string;
  /** Lists (upstreams) that push it. */
  pushedBy: readonly string[];
}

export interface HierarchyLoadOptions {
  http: TraceHttp;
  /** Names downstreams may use for this mirror as RSYNC_HOST. */
  selfNames: readonly string[];
  /** This mirror's own `_hierarchy` text. */
  selfHierarchy?: string;
  concurrency?: number;
  signal?: AbortSignal;
}

async function readText(http: TraceHttp, url: string, signal?: AbortSignal): Promise<string | { error: string }> {
  try {
    const r = await http.request(url, signal ? { signal } : {});
    return r.status === 200 ? r.body : { error: `HTTP ${r.status}` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function downstreamInput(s: HierarchySource, o: HierarchyLoadOptions): Promise<HierarchyDownstreamInput> {
  const base = { name: s.name, ...(s.host ? { host: s.host } : {}), pushedBy: s.pushedBy };
  const siblings = s.traceUrl ? traceSiblings(s.traceUrl) : undefined;
  if (!s.traceUrl || !siblings)
    return {
      ...base,
      error: s.traceUrl ? `${s.traceUrl} is not …/project/trace/<name>` : 'no traceUrl in pushmirror.yaml',
    };
  const [hierarchy, traces, site] = await Promise.all([
    readText(o.http, siblings.hierarchy, o.signal),
    readText(o.http, siblings.traces, o.signal),
    readTraceUrl(o.http, s.traceUrl, o.signal),
  ]);
  const errors = [
    typeof hierarchy === 'string' ? undefined : `_hierarchy: ${hierarchy.error}`,
    site.error ? `trace: ${site.error}` : undefined,
  ].filter(Boolean);
  return {
    ...base,
    ...(typeof hierarchy === 'string' ? { hierarchy: parseHierarchy(hierarchy) } : {}),
    ...(typeof traces === 'string' ? { traces: parseTraceList(traces) } : {}),
    ...(site.trace ? { site: site.trace } : {}),
    ...(errors.length ? { error: errors.join('; ') } : {}),
  };
}

export async function loadHierarchy(
  sources: readonly HierarchySource[],
  o: HierarchyLoadOptions,
): Promise<HierarchyModel> {
  const sem = new Semaphore(Math.max(1, o.concurrency ?? 16));
  shareSignal(o.signal, sources.length);
  const downstreams = await Promise.all(
    sources.map(async (s) => {
      const release = await sem.acquire(o.signal);
      try {
        return await downstreamInput(s, o);
      } finally {
        release();
      }
    }),
  );
  const selfHierarchy: HierarchyFile | undefined = o.selfHierarchy ? parseHierarchy(o.selfHierarchy) : undefined;
  return buildHierarchy({ selfNames: o.selfNames, ...(selfHierarchy ? { selfHierarchy } : {}), downstreams });
}
