import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';
import {
  judgeDownstream,
  type Thresholds,
  type TraceReading,
  type Verdict,
} from '../../../server/src/core/trace/freshness';
import { parseTrace } from '../../../server/src/core/trace/parser';
import { Semaphore, shareSignal } from '../ssh/concurrency';
import { traceSiblings, type TraceHttp } from './http';
import { readMarker } from './sources';

// One look at every downstream, for `push-mirror status` and the Downstreams view: its site trace and
// Archive-Update markers over HTTP(S), judged against this mirror's master trace (a file of this
// host's archive, or a URL). Reads run in parallel under a cap, each with its own timeout.

export interface StatusTarget {
  name: string;
  traceUrl?: string;
  /** Why there is no trace URL. */
  reason?: string;
}

export interface DownstreamStatus {
  name: string;
  traceUrl?: string;
  verdict: Verdict;
}

export interface StatusOptions {
  http: TraceHttp;
  /** This mirror's master trace; undefined: age is judged instead of lag. */
  master?: TraceReading;
  thresholds?: Partial<Thresholds>;
  now?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

/** A trace read over HTTP(S) as the checker reads it: anything but 200 is unavailable. */
export async function readTraceUrl(http: TraceHttp, url: string, signal?: AbortSignal): Promise<TraceReading> {
  try {
    const r = await http.request(url, signal ? { signal } : {});
    return r.status === 200 ? { trace: parseTrace(r.body) } : { error: `HTTP ${r.status}` };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** This mirror's master trace from a URL or a file (its archive's project/trace/master). */
export async function readMaster(http: TraceHttp, where: string): Promise<TraceReading> {
  if (/^https?:\/\//i.test(where)) return readTraceUrl(http, where);
  try {
    const text = (await readRegularFile(where, { maxBytes: 64 * 1024 })).toString('utf8');
    return { trace: parseTrace(text, 'master') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The master trace file of an archive root (ftpsync's TO). */
export function masterOf(archiveRoot: string): string {
  return path.join(archiveRoot, 'project', 'trace', 'master');
}

export async function checkDownstream(target: StatusTarget, o: StatusOptions): Promise<DownstreamStatus> {
  const now = () => o.now ?? Date.now();
  if (!target.traceUrl)
    return {
      name: target.name,
      verdict: {
        state: 'UNKNOWN',
        summary: target.reason ?? `no traceUrl for ${target.name} in pushmirror.yaml`,
        findings: [],
      },
    };
  const siblings = traceSiblings(target.traceUrl);
  const [site, inProgress, required] = await Promise.all([
    readTraceUrl(o.http, target.traceUrl, o.signal),
    siblings ? readMarker(o.http, siblings.inProgress, o.signal) : undefined,
    siblings ? readMarker(o.http, siblings.required, o.signal) : undefined,
  ]);
  const verdict = judgeDownstream(
    {
      now: now(),
      site,
      ...(o.master ? { master: o.master } : {}),
      ...(inProgress ? { inProgress } : {}),
      ...(required ? { required } : {}),
      ...(o.thresholds ? { thresholds: o.thresholds } : {}),
    },
    siblings?.name ?? target.name,
  );
  return { name: target.name, traceUrl: target.traceUrl, verdict };
}

/** Every downstream, in the order given. */
export async function checkDownstreams(
  targets: readonly StatusTarget[],
  o: StatusOptions,
): Promise<DownstreamStatus[]> {
  const sem = new Semaphore(Math.max(1, o.concurrency ?? 16));
  shareSignal(o.signal, targets.length);
  return Promise.all(
    targets.map(async (t) => {
      const release = await sem.acquire(o.signal);
      try {
        return await checkDownstream(t, o);
      } finally {
        release();
      }
    }),
  );
}
