import { fieldValue } from '../../../server/src/core/trace/parser';
import { parseRfc2822 } from '../../../server/src/core/trace/dates';
import type { SignalResult } from '../ssh/fanout';
import { exitCauses, joinedRunningSync, notSignalledCauses, waitCauses } from './causes';
import type { Observation, TraceSource } from './sources';

// Did the push land? Each downstream's trace is read once before the signal (the baseline), then
// polled from the moment its signal is sent until the serial or date changes ("done", with the
// propagation time measured here: signal sent → first reading that shows the change), the wait ends
// ("never-synced", with the likely causes) or the signal itself failed. Every downstream has its own
// loop and clock: a dead URL costs its own timeout, nothing else. Polling starts every 200 ms and
// slows to a tenth of the time waited so far (at most every 5 s), so the measurement stays within
// ~10 % while a long sync costs few requests.

export type PropagationState =
  /** Baseline read (or being read); no signal sent yet. */
  | 'waiting'
  /** The signal was sent (or accepted); no sign of a sync yet. */
  | 'signalled'
  /** Archive-Update-in-Progress appeared, or the log says `Mirrorsync start`. */
  | 'syncing'
  /** The trace's serial or date changed (or the log says `Mirrorsync done`). */
  | 'done'
  /** The wait ended, or the forced command's exit status says no sync will come. */
  | 'never-synced'
  /** The signal was refused or never sent. */
  | 'not-signalled'
  /** The trace could not be read at all, so the outcome cannot be told. */
  | 'unknown'
  /** No trace URL or log is known for the downstream. */
  | 'unwatched'
  | 'cancelled';

export const FINAL_STATES: ReadonlySet<PropagationState> = new Set([
  'done',
  'never-synced',
  'not-signalled',
  'unknown',
  'unwatched',
  'cancelled',
]);

export interface PropagationUpdate {
  name: string;
  state: PropagationState;
  /** When this state was seen, ms since the epoch. */
  at: number;
  /** When the signal was sent. */
  signalledAt?: number;
  /** done: signal sent → first reading that showed the new trace, as measured here. */
  propagationMs?: number;
  /** done: the downstream's own account, its trace's `Date` − signal sent (its clock against ours). */
  reportedMs?: number;
  /** done: how long the sync took by its trace (Date − Date-Started). */
  syncMs?: number;
  serial?: string;
  /** What was seen, for a tooltip: "Archive-Update-in-Progress appeared", "joined the sync already running". */
  detail?: string;
  /** never-synced, not-signalled, unknown, unwatched: the likely causes, most likely first. */
  causes?: string[];
  /** The forced command found a sync running and left the push to it (Archive-Update-Required). */
  joinedRunningSync?: boolean;
  /** What is read: a trace URL or `user@host:log`. */
  source?: string;
}

export interface WatchTarget {
  /** The downstream's name (runmirrors ShortName): signal results are matched by it. */
  name: string;
  source?: TraceSource;
  /** Why there is no source (for `unwatched`). */
  unwatchedReason?: string;
}

export interface WatchOptions {
  /** How long after its signal a downstream may take to show a new trace. */
  timeoutMs: number;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Called on every state change, per downstream. */
  onUpdate?: (update: PropagationUpdate) => void;
  signal?: AbortSignal;
}

interface Baseline {
  /** Trace identity; null when the trace was absent. */
  key: string | null;
  lockPresent: boolean;
  runKeys: Set<string>;
  openRun?: string;
}

interface Tracker {
  target: WatchTarget;
  update: PropagationUpdate;
  baseline?: Baseline;
  lateBaseline: boolean;
  results: SignalResult[];
  lastError?: string;
  syncSeen: boolean;
  runErrors: string[];
  signalledAt?: number;
  deadline?: number;
  wake?: () => void;
  signalled: Promise<void>;
  markSignalled: () => void;
}

function traceKey(o: Observation): string | null | undefined {
  if (o.traceAbsent) return null;
  if (!o.trace) return undefined;
  const t = o.trace;
  return [fieldValue(t, 'Archive serial') ?? '', t.dateLine?.text ?? '', fieldValue(t, 'Date') ?? ''].join('\u0000');
}

export class PropagationWatch {
  private readonly trackers = new Map<string, Tracker>();
  private readonly loops: Promise<void>[] = [];
  private readyWaiters: (() => void)[] = [];
  private started = false;
  private disposed = false;

  constructor(
    targets: readonly WatchTarget[],
    private readonly options: WatchOptions,
  ) {
    for (const target of targets) {
      let markSignalled!: () => void;
      const signalled = new Promise<void>((r) => (markSignalled = r));
      const unwatched = !target.source;
      this.trackers.set(target.name, {
        target,
        update: {
          name: target.name,
          state: unwatched ? 'unwatched' : 'waiting',
          at: Date.now(),
          ...(unwatched ? { causes: [target.unwatchedReason ?? 'no trace URL or log is known for it'] } : {}),
          ...(target.source ? { source: target.source.label } : {}),
        },
        lateBaseline: false,
        results: [],
        syncSeen: false,
        runErrors: [],
        signalled,
        markSignalled,
      });
    }
    options.signal?.addEventListener('abort', () => this.cancelAll(), { once: true });
  }

  /** Starts reading every baseline; call before sending the signals. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    for (const t of this.trackers.values()) {
      this.options.onUpdate?.({ ...t.update });
      if (t.target.source) this.loops.push(this.run(t));
    }
    return this;
  }

  /** Resolves once every baseline is read, or after `maxWaitMs` (a dead URL must not hold the push up). */
  ready(maxWaitMs = 2000): Promise<void> {
    this.start();
    if (this.allBaselined()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxWaitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.readyWaiters.push(done);
    });
  }

  /** The signal to `name` is being sent now (the fan-out's onStart). Later stages keep the first time. */
  signalSent(name: string, at = Date.now()): void {
    const t = this.trackers.get(name);
    if (!t || t.signalledAt !== undefined || FINAL_STATES.has(t.update.state)) return;
    t.signalledAt = at;
    t.deadline = at + this.options.timeoutMs;
    this.set(t, { state: 'signalled', signalledAt: at });
    t.markSignalled();
  }

  /** One stage's result (the fan-out's onResult): a refused signal or a failed command ends the wait. */
  signalResult(r: SignalResult): void {
    const t = this.trackers.get(r.name);
    if (!t) return;
    t.results.push(r);
    if (FINAL_STATES.has(t.update.state)) return;
    if (!r.accepted && r.status !== 'ok') {
      this.finish(t, { state: 'not-signalled', causes: notSignalledCauses([r]) });
      return;
    }
    if (joinedRunningSync(r)) {
      this.set(t, { joinedRunningSync: true, detail: 'joined the sync already running (Archive-Update-Required)' });
      return;
    }
    const causes = exitCauses(r);
    if (causes) this.finish(t, { state: 'never-synced', causes });
  }

  /** The push is over: downstreams never signalled in it (skipped, cancelled) are `not-signalled`. */
  pushFinished(): void {
    for (const t of this.trackers.values())
      if (t.update.state === 'waiting')
        this.finish(t, {
          state: 'not-signalled',
          causes: t.results.length ? notSignalledCauses(t.results) : ['it was not signalled in this push'],
        });
  }

  /** The current state of every downstream. */
  snapshot(): PropagationUpdate[] {
    return [...this.trackers.values()].map((t) => ({ ...t.update }));
  }

  /** Resolves with every downstream's final state. */
  async settled(): Promise<PropagationUpdate[]> {
    await Promise.all(this.loops);
    return this.snapshot();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelAll();
    for (const t of this.trackers.values()) t.target.source?.close();
  }

  private cancelAll(): void {
    for (const t of this.trackers.values())
      if (!FINAL_STATES.has(t.update.state)) this.finish(t, { state: 'cancelled' });
  }

  private allBaselined(): boolean {
    return [...this.trackers.values()].every((t) => !t.target.source || t.baseline || FINAL_STATES.has(t.update.state));
  }

  private set(t: Tracker, change: Partial<PropagationUpdate>): void {
    t.update = { ...t.update, ...change, at: Date.now() };
    this.options.onUpdate?.({ ...t.update });
  }

  private finish(t: Tracker, change: Partial<PropagationUpdate>): void {
    if (FINAL_STATES.has(t.update.state)) return;
    this.set(t, change);
    t.markSignalled();
    t.wake?.();
  }

  private sleep(t: Tracker, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        t.wake = undefined;
        resolve();
      }
      t.wake = done;
    });
  }

  private interval(t: Tracker): number {
    const waited = Date.now() - (t.signalledAt ?? Date.now());
    const min = this.options.minIntervalMs ?? 200;
    const max = this.options.maxIntervalMs ?? 5000;
    const ms = Math.min(max, Math.max(min, waited / 10));
    return t.deadline !== undefined ? Math.min(ms, Math.max(0, t.deadline - Date.now())) : ms;
  }

  private setBaseline(t: Tracker, o: Observation, requestedAt: number): void {
    const runs = o.runs ?? [];
    const open = runs.filter((r) => !r.done).pop();
    t.baseline = {
      key: traceKey(o) ?? null,
      lockPresent: !!o.inProgress?.present,
      runKeys: new Set(runs.map((r) => r.key)),
      ...(open ? { openRun: open.key } : {}),
    };
    t.lateBaseline = t.signalledAt !== undefined && requestedAt >= t.signalledAt;
    if (this.allBaselined()) for (const w of this.readyWaiters.splice(0)) w();
  }

  private async run(t: Tracker): Promise<void> {
    const source = t.target.source!;
    const signal = this.options.signal;
    const final = () => this.disposed || FINAL_STATES.has(t.update.state);
    while (!final() && !t.baseline) {
      const requestedAt = Date.now();
      const o = await source.observe({ lock: true, ...(signal ? { signal } : {}) });
      if (final()) break;
      if (o.traceError === undefined) this.setBaseline(t, o, requestedAt);
      else {
        t.lastError = o.traceError;
        // Signalled and still unreadable: the outcome cannot be told.
        if (t.signalledAt !== undefined)
          return this.finish(t, { state: 'unknown', causes: [`the trace could not be read: ${o.traceError}`] });
        await this.sleep(t, 1000);
      }
    }
    await t.signalled;
    while (!final()) {
      if (Date.now() >= t.deadline!) {
        this.concludeWait(t);
        break;
      }
      await this.sleep(t, this.interval(t));
      if (final()) break;
      const requestedAt = Date.now();
      const o = await source.observe({ lock: t.update.state === 'signalled', ...(signal ? { signal } : {}) });
      if (final()) break;
      this.compare(t, o, requestedAt);
    }
  }

  private compare(t: Tracker, o: Observation, requestedAt: number): void {
    if (o.traceError !== undefined) {
      t.lastError = o.traceError;
      return;
    }
    const base = t.baseline!;
    if (o.runs) return this.compareRuns(t, o.runs, requestedAt);
    const key = traceKey(o);
    if (key !== undefined && key !== null && key !== base.key) return this.done(t, o, requestedAt);
    const lock = o.inProgress;
    if (
      t.update.state === 'signalled' &&
      lock?.present &&
      (!base.lockPresent || (lock.modified !== undefined && lock.modified >= (t.signalledAt ?? 0) - 2000))
    ) {
      t.syncSeen = true;
      this.set(t, { state: 'syncing', detail: 'Archive-Update-in-Progress appeared' });
    }
  }

  private compareRuns(t: Tracker, runs: Observation['runs'] & object, requestedAt: number): void {
    const base = t.baseline!;
    const fresh = runs.filter((r) => !base.runKeys.has(r.key));
    const taken = runs.find((r) => r.key === base.openRun);
    const run = fresh[fresh.length - 1] ?? (taken?.done ? taken : undefined);
    if (!run) return;
    t.runErrors = run.errors;
    if (!run.done) {
      if (t.update.state === 'signalled') {
        t.syncSeen = true;
        this.set(t, { state: 'syncing', detail: 'ftpsync logged "Mirrorsync start"' });
      }
      return;
    }
    if (run.done === 'errors') {
      t.syncSeen = true;
      this.finish(t, {
        state: 'never-synced',
        causes: [
          `ftpsync ended "Mirrorsync done with errors"${run.errors.length ? `: ${run.errors.join(' | ')}` : ''}`,
        ],
      });
      return;
    }
    this.finish(t, {
      state: 'done',
      propagationMs: requestedAt - t.signalledAt!,
      detail: run === taken ? 'the sync already running took the push' : 'ftpsync logged "Mirrorsync done"',
    });
  }

  private done(t: Tracker, o: Observation, requestedAt: number): void {
    const trace = o.trace!;
    const serial = fieldValue(trace, 'Archive serial');
    const ended = parseRfc2822(fieldValue(trace, 'Date') ?? '') ?? trace.dateLine?.time;
    const started = parseRfc2822(fieldValue(trace, 'Date-Started') ?? '');
    this.finish(t, {
      state: 'done',
      propagationMs: requestedAt - t.signalledAt!,
      ...(ended !== undefined ? { reportedMs: ended - t.signalledAt! } : {}),
      ...(ended !== undefined && started !== undefined && ended >= started ? { syncMs: ended - started } : {}),
      ...(serial ? { serial } : {}),
      detail: t.syncSeen ? 'the trace changed' : 'the trace changed (no Archive-Update-in-Progress was seen)',
    });
  }

  private concludeWait(t: Tracker): void {
    this.finish(t, {
      state: 'never-synced',
      causes: waitCauses({
        label: t.target.source!.label,
        ...(t.target.source!.site ? { site: t.target.source!.site } : {}),
        lockBefore: !!t.baseline?.lockPresent,
        syncSeen: t.syncSeen,
        logSource: t.target.source!.kind === 'ssh-log',
        lateBaseline: t.lateBaseline,
        ...(t.lastError ? { lastError: t.lastError } : {}),
        results: t.results,
        runErrors: t.runErrors,
        waitedMs: this.options.timeoutMs,
      }),
    });
  }
}
