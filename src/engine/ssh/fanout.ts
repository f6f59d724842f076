import { KnownHosts } from '../knownHosts/knownHosts';
import { Semaphore, shareSignal, sleep, Stage1Barrier } from './concurrency';
import {
  KeyCache,
  signalOnce,
  type EventLevel,
  type SignalDeps,
  type SignalOutcome,
  type SignalStatus,
} from './connect';
import { HostKeyQuestions, type ConfirmUnknownHosts, type DecisionMemo } from './hostKeyPrompt';
import {
  archvsyncCommand,
  downstreamKey,
  isDelay,
  stagesFor,
  type Downstream,
  type PlanEntry,
  type PushKind,
  type Stage,
} from './downstream';
import { appendDownstreamLog } from './runLog';
import { resolveSettings, type ConnectionSettings } from './settings';
import type { SshConfigFile } from './sshConfig';

// The fan-out, shaped like runmirrors' main loop but in one process: entries are walked in list
// order, each downstream is started without waiting for it (runmirrors' `signal … &`), DELAY lines
// pause the walk, staged downstreams send stage1, wait for every staged sibling (or the PUSHDELAY
// limit, after which nobody waits any more), then stage2. The concurrency cap bounds handshakes in
// flight, not open sessions: a slot is taken when the server first speaks (a dead host takes none)
// and freed once logged in, or after a short budget; each exit status is then collected under that
// downstream's own timeout. A second, larger cap bounds open connections (file descriptors).

export interface SignalResult extends SignalOutcome {
  name: string;
  host: string;
  port: number;
  user: string;
  stage: Stage;
  command: string;
  /** This request joined a signal already in flight to the same downstream with the same command. */
  coalesced?: boolean;
}

export interface PushOptions {
  /** PUSHARCHIVE (runmirrors -a); default empty, which ftpsync reads as the main archive. */
  archive?: string;
  pushKind?: PushKind;
  fromFtpsync?: boolean;
  callback?: boolean;
  /** Treat every downstream as staged (the "staged push" command). */
  staged?: boolean;
  /** Send this instead of the archvsync protocol (e.g. the seed's `sleep 1`). */
  command?: string;
  concurrency?: number;
  /** Per downstream and stage: connect to exit status. */
  timeoutMs?: number;
  /** PUSHDELAY: the longest a staged downstream waits for its siblings' stage1. */
  pushDelayMs?: number;
  signal?: AbortSignal;
  /** runmirrors' LOGDIR: `<name>.log` per downstream gets each attempt appended. */
  logDir?: string;
  onResult?: (r: SignalResult) => void;
  /** Progress lines for a log channel, with their level; never contains key material or passwords. */
  onEvent?: (line: string, level: EventLevel) => void;
  /**
   * The downstream's host key is settled (trusted, or accepted by the person asked) and its signal
   * goes out now (for "sent" / "in flight" UI). Never called while its host key question is open.
   * `begun`: when the attempt began, the time its log entry carries (the host key settles later,
   * maybe in the next second), so a view can find that entry.
   */
  onStart?: (d: Downstream, stage: Stage, begun: Date) => void;
  /** A person is being asked about the downstream's host key ("waiting for host key decision"). */
  onHostKeyQuestion?: (d: Downstream, stage: Stage) => void;
  /** Open connections at most (default 16 × concurrency, at least 256). */
  maxOpen?: number;
}

export interface SignallerOptions {
  knownHosts: KnownHosts;
  sshConfig: SshConfigFile;
  /** KEYFILE of runmirrors.conf, absolute; default ~/.ssh/pushmirror. */
  defaultKeyFile?: string;
  /** Asked about unknown host keys, several at once; absent: unknown keys are refused. */
  confirmUnknownHosts?: ConfirmUnknownHosts;
  /** How long to collect unknown keys before asking (default 250 ms). */
  promptWindowMs?: number;
  agent?: boolean;
  connectTimeoutMs?: number;
  /** Replaces ssh2 (unit tests). */
  transport?: (s: ConnectionSettings, command: string, deps: SignalDeps) => Promise<SignalOutcome>;
}

const STAGE_LABEL: Record<Stage, string> = {
  all: 'normal',
  stage1: 'first stage',
  stage2: 'second stage',
  custom: 'custom',
};
const SEVERITY: Record<SignalStatus, number> = { ok: 0, cancelled: 1, timeout: 2, failed: 3, refused: 4 };

/** The worst status of a downstream's results (refused > failed > timeout > cancelled > ok). */
export function worstStatus(results: readonly SignalResult[]): SignalStatus {
  return results.reduce<SignalStatus>((w, r) => (SEVERITY[r.status] > SEVERITY[w] ? r.status : w), 'ok');
}

/** Did the downstream get its signal(s)? A command accepted but still running at its timeout counts. */
export function signalled(r: SignalResult): boolean {
  return r.status === 'ok' || (r.status === 'timeout' && r.accepted);
}

/** What one push shares between its downstreams. */
interface PushRun {
  handshakes: Semaphore;
  open: Semaphore;
  /** Host key answers given during this push ("Trust Once" covers stage2 as well). */
  decisions: DecisionMemo;
}

export class Signaller {
  private readonly inflight = new Map<string, Promise<SignalResult>>();
  private readonly keys = new KeyCache();
  private readonly extraKnownHosts = new Map<string, KnownHosts>();
  private readonly questions?: HostKeyQuestions;

  constructor(private readonly o: SignallerOptions) {
    if (o.confirmUnknownHosts) this.questions = new HostKeyQuestions(o.confirmUnknownHosts, o.promptWindowMs);
  }

  /** Signals every downstream of `plan` (DELAY entries honoured); resolves with one result per stage sent. */
  async push(plan: readonly PlanEntry[], opts: PushOptions = {}): Promise<SignalResult[]> {
    const pushKind = opts.pushKind ?? 'mhop';
    const fromFtpsync = !!opts.fromFtpsync;
    const entries = plan.map((e) =>
      isDelay(e) || !opts.staged || e.type !== 'all' ? e : { ...e, type: 'staged' as const },
    );
    const staged = entries.filter(
      (e): e is Downstream => !isDelay(e) && stagesFor(e, pushKind, fromFtpsync).includes('stage1'),
    );
    const barrier = new Stage1Barrier(staged.map((d) => d.name));
    const concurrency = Math.max(1, opts.concurrency ?? 16);
    shareSignal(opts.signal, entries.length);
    const run: PushRun = {
      handshakes: new Semaphore(concurrency),
      open: new Semaphore(Math.max(1, opts.maxOpen ?? Math.max(256, concurrency * 16))),
      decisions: new Map(),
    };
    const results: SignalResult[] = [];
    const tasks: Promise<void>[] = [];
    const collect = (r: SignalResult) => {
      results.push(r);
      opts.onResult?.(r);
    };

    for (const entry of entries) {
      if (opts.signal?.aborted) break;
      if (isDelay(entry)) {
        if (entry.stage1) {
          opts.onEvent?.(`DELAY ${entry.seconds} stage1: waiting for the staged downstreams`, 'info');
          const all = await barrier.wait(entry.seconds * 1000, opts.signal);
          opts.onEvent?.(
            all ? 'staged delay finished' : `staged delay ran into its limit of ${entry.seconds} s`,
            all ? 'info' : 'warning',
          );
        } else {
          opts.onEvent?.(`DELAY ${entry.seconds}: sleeping`, 'info');
          await sleep(entry.seconds * 1000, opts.signal);
        }
        continue;
      }
      tasks.push(this.runDownstream(entry, pushKind, fromFtpsync, barrier, run, opts, collect));
    }
    await Promise.all(tasks);
    return results;
  }

  private async runDownstream(
    d: Downstream,
    pushKind: PushKind,
    fromFtpsync: boolean,
    barrier: Stage1Barrier,
    run: PushRun,
    opts: PushOptions,
    collect: (r: SignalResult) => void,
  ): Promise<void> {
    const stages = stagesFor(d, pushKind, fromFtpsync);
    if (!stages.length) opts.onEvent?.(`${d.name}: skipped (type ${d.type} in an mhop push from ftpsync)`, 'info');
    for (const stage of stages) {
      if (stage === 'stage2' && stages.includes('stage1')) {
        const all = await barrier.wait(opts.pushDelayMs ?? 600_000, opts.signal);
        if (!all && !opts.signal?.aborted)
          opts.onEvent?.(
            `${d.name}: failed to wait for all other mirrors; missing: ${barrier.missing().join(', ')}`,
            'warning',
          );
      }
      const command =
        stage === 'custom'
          ? (d.command ?? opts.command ?? '')
          : archvsyncCommand(d, stage, { archive: opts.archive ?? '', pushKind, callback: !!opts.callback });
      const r = await this.signal(d, stage, command, run, opts);
      collect(r);
      if (stage === 'stage1') barrier.done(d.name);
      if (r.status === 'cancelled') break;
    }
  }

  /** One command to one downstream; a second identical request while the first is in flight shares its result. */
  private signal(d: Downstream, stage: Stage, command: string, run: PushRun, opts: PushOptions): Promise<SignalResult> {
    const key = `${downstreamKey(d)}\u0000${command}`;
    const running = this.inflight.get(key);
    if (running) {
      opts.onEvent?.(`${d.name}: a signal "${command}" is already in flight; joined it`, 'info');
      return running.then((r) => ({ ...r, coalesced: true }));
    }
    const p = this.attempt(d, stage, command, run, opts).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async attempt(
    d: Downstream,
    stage: Stage,
    command: string,
    run: PushRun,
    opts: PushOptions,
  ): Promise<SignalResult> {
    const s = resolveSettings(d, {
      sshConfig: this.o.sshConfig,
      defaultKeyFile: this.o.defaultKeyFile,
      agent: this.o.agent,
      connectTimeoutMs: this.o.connectTimeoutMs,
    });
    const base = { name: d.name, host: s.address, port: s.port, user: s.user, stage, command };
    for (const note of s.ignored) opts.onEvent?.(`${d.name}: ignoring ${note}`, 'warning');
    let release: () => void;
    try {
      release = await run.open.acquire(opts.signal);
    } catch {
      return {
        ...base,
        status: 'cancelled',
        accepted: false,
        output: '',
        message: 'cancelled before it started',
        durationMs: 0,
      };
    }
    opts.onEvent?.(
      `${d.name}: sending ${STAGE_LABEL[stage]} trigger "${command}" to ${s.user}@${s.address}:${s.port}`,
      'info',
    );
    const begun = new Date();
    let reported = false;
    const started = () => {
      if (!reported) opts.onStart?.(d, stage, begun);
      reported = true;
    };
    const questions = this.questions;
    let outcome: SignalOutcome;
    try {
      outcome = await (this.o.transport ?? signalOnce)(s, command, {
        knownHosts: this.knownHostsFor(s),
        ...(questions
          ? { confirmUnknownHosts: (keys) => Promise.all(keys.map((k) => questions.ask(k, run.decisions))) }
          : {}),
        keys: this.keys,
        ...(opts.signal ? { signal: opts.signal } : {}),
        timeoutMs: opts.timeoutMs ?? 60_000,
        handshakeSlot: (signal) => run.handshakes.acquire(signal),
        onHostKeySettled: started,
        onHostKeyQuestion: () => opts.onHostKeyQuestion?.(d, stage),
        onAccepted: started,
        debug: (line, level = 'info') => opts.onEvent?.(`${d.name}: ${line}`, level),
      });
    } catch (error) {
      outcome = {
        status: 'failed',
        accepted: false,
        output: '',
        message: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - begun.getTime(),
      };
    } finally {
      release();
    }
    const result: SignalResult = { ...base, ...outcome };
    opts.onEvent?.(`${d.name}: ${describeResult(result)}`, resultLevel(result));
    if (opts.logDir)
      await appendDownstreamLog(opts.logDir, d.name, STAGE_LABEL[stage], begun, result).catch((e: Error) =>
        opts.onEvent?.(`${d.name}: cannot write its log: ${e.message}`, 'error'),
      );
    return result;
  }

  private knownHostsFor(s: ConnectionSettings): KnownHosts {
    if (!s.knownHostsFiles.length) return this.o.knownHosts;
    const key = s.knownHostsFiles.join('\u0000');
    let k = this.extraKnownHosts.get(key);
    if (!k) {
      k = new KnownHosts([...s.knownHostsFiles, ...this.o.knownHosts.files], this.o.knownHosts.writeFile);
      this.extraKnownHosts.set(key, k);
    }
    return k;
  }
}

/** A refused (changed, revoked or unknown) key, a failure or a timeout is a warning; a signal that went out is info. */
export function resultLevel(r: SignalResult): EventLevel {
  return signalled(r) || r.status === 'cancelled' ? 'info' : 'warning';
}

export function describeResult(r: SignalResult): string {
  const exit = r.exitCode !== undefined ? `, exit ${r.exitCode}` : r.exitSignal ? `, signal ${r.exitSignal}` : '';
  const why = r.message ? ` (${r.message})` : '';
  return `${r.stage} ${r.status}${exit}, ${Math.round(r.durationMs)} ms${r.coalesced ? ', coalesced' : ''}${why}`;
}
