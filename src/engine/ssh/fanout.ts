import { KnownHosts } from '../knownHosts/knownHosts';
import { Semaphore, sleep, Stage1Barrier } from './concurrency';
import {
  KeyCache,
  signalOnce,
  type ConfirmUnknownHost,
  type SignalDeps,
  type SignalOutcome,
  type SignalStatus,
} from './connect';
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
// flight, not open sessions: a slot is freed as soon as the command is accepted, and each exit
// status is then collected under that downstream's own timeout.

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
  /** Progress lines for a log channel; never contains key material or passwords. */
  onEvent?: (line: string) => void;
  /** Called when a downstream is about to be contacted (for "in progress" UI). */
  onStart?: (d: Downstream, stage: Stage) => void;
}

export interface SignallerOptions {
  knownHosts: KnownHosts;
  sshConfig: SshConfigFile;
  /** KEYFILE of runmirrors.conf, absolute; default ~/.ssh/pushmirror. */
  defaultKeyFile?: string;
  confirmUnknownHost?: ConfirmUnknownHost;
  rememberAccepted?: boolean;
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

export class Signaller {
  private readonly inflight = new Map<string, Promise<SignalResult>>();
  private readonly keys = new KeyCache();
  private readonly extraKnownHosts = new Map<string, KnownHosts>();

  private prompts: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: SignallerOptions) {}

  /** One question at a time: fifty unknown downstreams must not open fifty dialogs at once. */
  private readonly accepted = new Set<string>();
  private confirm: ConfirmUnknownHost = (host, port, fp, type) => {
    const id = `${host}:${port} ${fp}`;
    const asked = this.prompts.then(async () => {
      // Several downstreams may share one host and key: the first answer covers them all.
      if (this.accepted.has(id)) return 'once' as const;
      const yes = await this.o.confirmUnknownHost!(host, port, fp, type);
      if (yes) this.accepted.add(id);
      return yes;
    });
    this.prompts = asked.catch(() => undefined);
    return asked;
  };

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
    const sem = new Semaphore(Math.max(1, opts.concurrency ?? 16));
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
          opts.onEvent?.(`DELAY ${entry.seconds} stage1: waiting for the staged downstreams`);
          const all = await barrier.wait(entry.seconds * 1000, opts.signal);
          opts.onEvent?.(all ? 'staged delay finished' : `staged delay ran into its limit of ${entry.seconds} s`);
        } else {
          opts.onEvent?.(`DELAY ${entry.seconds}: sleeping`);
          await sleep(entry.seconds * 1000, opts.signal);
        }
        continue;
      }
      tasks.push(this.runDownstream(entry, pushKind, fromFtpsync, barrier, sem, opts, collect));
    }
    await Promise.all(tasks);
    return results;
  }

  private async runDownstream(
    d: Downstream,
    pushKind: PushKind,
    fromFtpsync: boolean,
    barrier: Stage1Barrier,
    sem: Semaphore,
    opts: PushOptions,
    collect: (r: SignalResult) => void,
  ): Promise<void> {
    const stages = stagesFor(d, pushKind, fromFtpsync);
    if (!stages.length) opts.onEvent?.(`${d.name}: skipped (type ${d.type} in an mhop push from ftpsync)`);
    for (const stage of stages) {
      if (stage === 'stage2' && stages.includes('stage1')) {
        const all = await barrier.wait(opts.pushDelayMs ?? 600_000, opts.signal);
        if (!all && !opts.signal?.aborted)
          opts.onEvent?.(`${d.name}: failed to wait for all other mirrors; missing: ${barrier.missing().join(', ')}`);
      }
      const command =
        stage === 'custom'
          ? (d.command ?? opts.command ?? '')
          : archvsyncCommand(d, stage, { archive: opts.archive ?? '', pushKind, callback: !!opts.callback });
      const r = await this.signal(d, stage, command, sem, opts);
      collect(r);
      if (stage === 'stage1') barrier.done(d.name);
      if (r.status === 'cancelled') break;
    }
  }

  /** One command to one downstream; a second identical request while the first is in flight shares its result. */
  signal(d: Downstream, stage: Stage, command: string, sem: Semaphore, opts: PushOptions): Promise<SignalResult> {
    const key = `${downstreamKey(d)}\u0000${command}`;
    const running = this.inflight.get(key);
    if (running) {
      opts.onEvent?.(`${d.name}: a signal "${command}" is already in flight; joined it`);
      return running.then((r) => ({ ...r, coalesced: true }));
    }
    const p = this.attempt(d, stage, command, sem, opts).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async attempt(
    d: Downstream,
    stage: Stage,
    command: string,
    sem: Semaphore,
    opts: PushOptions,
  ): Promise<SignalResult> {
    const s = resolveSettings(d, {
      sshConfig: this.o.sshConfig,
      defaultKeyFile: this.o.defaultKeyFile,
      agent: this.o.agent,
      connectTimeoutMs: this.o.connectTimeoutMs,
    });
    const base = { name: d.name, host: s.address, port: s.port, user: s.user, stage, command };
    for (const note of s.ignored) opts.onEvent?.(`${d.name}: ignoring ${note}`);
    let release: (() => void) | undefined;
    try {
      release = await sem.acquire(opts.signal);
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
    opts.onStart?.(d, stage);
    opts.onEvent?.(`${d.name}: sending ${STAGE_LABEL[stage]} trigger "${command}" to ${s.user}@${s.address}:${s.port}`);
    const started = new Date();
    let outcome: SignalOutcome;
    try {
      outcome = await (this.o.transport ?? signalOnce)(s, command, {
        knownHosts: this.knownHostsFor(s),
        ...(this.o.confirmUnknownHost ? { confirmUnknownHost: this.confirm } : {}),
        rememberAccepted: !!this.o.rememberAccepted,
        keys: this.keys,
        ...(opts.signal ? { signal: opts.signal } : {}),
        timeoutMs: opts.timeoutMs ?? 60_000,
        onAccepted: release,
        debug: (line) => opts.onEvent?.(`${d.name}: ${line}`),
      });
    } catch (error) {
      outcome = {
        status: 'failed',
        accepted: false,
        output: '',
        message: error instanceof Error ? error.message : String(error),
        durationMs: Date.now() - started.getTime(),
      };
    } finally {
      release();
    }
    const result: SignalResult = { ...base, ...outcome };
    opts.onEvent?.(`${d.name}: ${describeResult(result)}`);
    if (opts.logDir)
      await appendDownstreamLog(opts.logDir, d.name, STAGE_LABEL[stage], started, result).catch((e: Error) =>
        opts.onEvent?.(`${d.name}: cannot write its log: ${e.message}`),
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

export function describeResult(r: SignalResult): string {
  const exit = r.exitCode !== undefined ? `, exit ${r.exitCode}` : r.exitSignal ? `, signal ${r.exitSignal}` : '';
  const why = r.message ? ` (${r.message})` : '';
  return `${r.stage} ${r.status}${exit}, ${Math.round(r.durationMs)} ms${r.coalesced ? ', coalesced' : ''}${why}`;
}
