import { parseTrace, type TraceFile } from '../../../server/src/core/trace/parser';
import type { MarkerReading } from '../../../server/src/core/trace/freshness';
import { traceSiblings, type TraceHttp } from './http';

// Where a downstream's progress can be seen, one reading at a time. Over HTTP(S): its site trace
// (the inventory's `traceUrl`) and, beside the archive root, its Archive-Update-in-Progress and
// Archive-Update-Required markers (a 404 or 403 means absent, as the mirror checker reads them).
// Over ssh (sshLog.ts): its ftpsync log.

export interface LogRun {
  /** The `Mirrorsync start` line itself: unique per run (time and PID). */
  key: string;
  pid: number;
  /** `Mirrorsync done` (ok) or `Mirrorsync done with errors`; absent while the run is going. */
  done?: 'ok' | 'errors';
  /** The run's ERROR lines, for the likely causes. */
  errors: string[];
}

export interface Observation {
  /** When the reading completed, ms since the epoch. */
  at: number;
  trace?: TraceFile;
  /** The trace is not there (HTTP 404/403/410): a mirror that never synced. */
  traceAbsent?: boolean;
  /** Why the trace could not be read. */
  traceError?: string;
  inProgress?: MarkerReading;
  /** ftpsync runs in the log, oldest first (log sources). */
  runs?: LogRun[];
}

export interface TraceSource {
  readonly kind: 'http' | 'ssh-log';
  /** What is read, for messages: a URL or `user@host:path`. */
  readonly label: string;
  /** The site name (MIRRORNAME) when the source knows it. */
  readonly site?: string;
  /** One reading; never rejects (a failure is in the observation). `lock`: also read Archive-Update-in-Progress. */
  observe(options: { lock: boolean; signal?: AbortSignal }): Promise<Observation>;
  close(): void;
}

/** Statuses that mean "not there", as the mirror checker reads them (it knows 404 and 403; 410 is as final). */
export const ABSENT = new Set([403, 404, 410]);

/** A marker file's presence and Last-Modified (HEAD). */
export async function readMarker(http: TraceHttp, url: string, signal?: AbortSignal): Promise<MarkerReading> {
  try {
    const r = await http.request(url, { method: 'HEAD', ...(signal ? { signal } : {}) });
    if (ABSENT.has(r.status)) return { present: false };
    if (r.status !== 200) return { present: false, error: `HTTP ${r.status}` };
    return { present: true, ...(r.lastModified !== undefined ? { modified: r.lastModified } : {}) };
  } catch (error) {
    return { present: false, error: (error as Error).message };
  }
}

/** A downstream's trace over HTTP(S). */
export class HttpTraceSource implements TraceSource {
  readonly kind = 'http' as const;
  readonly site?: string;
  private readonly siblings;

  constructor(
    readonly label: string,
    private readonly http: TraceHttp,
  ) {
    this.siblings = traceSiblings(label);
    if (this.siblings) this.site = this.siblings.name;
  }

  async observe(options: { lock: boolean; signal?: AbortSignal }): Promise<Observation> {
    const signal = options.signal;
    const lock = options.lock && this.siblings ? readMarker(this.http, this.siblings.inProgress, signal) : undefined;
    const out: Observation = { at: 0 };
    try {
      const r = await this.http.request(this.label, signal ? { signal } : {});
      if (r.status === 200) out.trace = parseTrace(r.body);
      else if (ABSENT.has(r.status)) out.traceAbsent = true;
      else out.traceError = `HTTP ${r.status} for ${this.label}`;
    } catch (error) {
      out.traceError = (error as Error).message;
    }
    if (lock) out.inProgress = await lock;
    out.at = Date.now();
    return out;
  }

  close(): void {}
}
