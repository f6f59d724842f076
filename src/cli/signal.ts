import { parseArgs } from 'node:util';
import { isDelay, type Downstream, type PlanEntry, type PushKind } from '../engine/ssh/downstream';
import type { EventLevel } from '../engine/ssh/connect';
import { describeResult, signalled, Signaller, worstStatus, type SignalResult } from '../engine/ssh/fanout';
import type { HostKeyDecision } from '../engine/ssh/hostKeyPrompt';
import { loadPushSetup } from '../engine/ssh/setup';
import { UsageError, type Output } from './output';
import { describeOutcome } from '../engine/traces/describe';
import { expandWait, landed, signalAndWait, WAIT_USAGE, waitSeconds } from './wait';

// `push-mirror signal`: a drop-in for runmirrors in cron jobs and ftpsync hooks. Unlike runmirrors it
// never trusts an unseen host key (unless --accept-new), and its exit code says whether every
// downstream got its signal: 0 yes, 1 no, 2 usage error; 143 (SIGTERM) or 130 (SIGINT) when it was
// stopped: in-flight signals are cancelled, their logs written, and it exits at once.

export const SIGNAL_USAGE = `  signal [options] [DOWNSTREAM...]
      Send the push signal (runmirrors' sync:archive:NAME sync:all / stage1+stage2 / mhop) to the
      downstreams of a runmirrors.mirror list, all in parallel, over ssh with strict host key checks.
      --mirror-list FILE   default ~/.config/ftpsync/runmirrors.mirror, else /etc/ftpsync/runmirrors.mirror
      --conf FILE          runmirrors.conf (KEYFILE, LOGDIR, PUSHDELAY); default beside the list
      --key FILE           the key (default KEYFILE, else ~/.ssh/pushmirror)
      --known-hosts FILE   also trust this known_hosts (repeatable; --accept-new writes to the first)
      --only-known-hosts   ignore ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts
      --accept-new         trust and remember (hashed) keys of hosts not yet known; changed keys are always refused
      --ssh-config FILE    default ~/.ssh/config; "none" to ignore it
      --archive NAME       sends sync:archive:NAME (default PUSHARCHIVE, else NAME of runmirrors-NAME.mirror)
      --kind all|mhop|stage2   runmirrors -k (default mhop)    --from-ftpsync   runmirrors -f
      --staged             stage1 to every downstream, wait for all (or --push-delay), then stage2
      --callback           add sync:callback
      --command CMD        send CMD instead of the sync:… protocol
      --concurrency N      handshakes in flight (default 16); a host that never answers takes none
      --timeout SECONDS    per downstream and stage, connect to exit (default 60)
      --connect-timeout SECONDS  TCP connect and ssh handshake up to login (default 45, as runmirrors)
      --push-delay SECONDS how long staged downstreams wait for each other (default PUSHDELAY, 600)
      --log-dir DIR        per-downstream logs (default LOGDIR)   --no-log
      --agent              also offer the ssh agent's keys
${WAIT_USAGE}
      --format text|json   warnings (refused host keys, failures) go to stderr in both formats
      Exit 0: every downstream signalled (and with --wait, its push landed); 1: some were not; 2: usage error;
      143/130: stopped by SIGTERM/SIGINT (signals in flight cancelled, logs written).`;

/** 128 + the signal's number, as a shell reports a process it ended. */
const INTERRUPTED_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalCliOptions {
  names: string[];
  format: 'text' | 'json';
}

export async function runSignal(args: string[], out: Output, signal?: AbortSignal): Promise<number> {
  // Our own handlers from the first moment: cron's SIGTERM must cancel cleanly at any point (reading
  // files, connecting, a DELAY, waiting to write known_hosts) and give 143. A second one ends at once.
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stoppedBy) process.exit(INTERRUPTED_EXIT[sig]);
    stoppedBy = sig;
    out.info(`${sig}: cancelling the signals in flight`);
    stop.abort();
  };
  const forward = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const code = await signalCommand(args, out, stop.signal);
    return stoppedBy ? INTERRUPTED_EXIT[stoppedBy] : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    signal?.removeEventListener('abort', forward);
  }
}

async function signalCommand(args: string[], out: Output, signal: AbortSignal): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args: expandWait(args),
    allowPositionals: true,
    options: {
      'mirror-list': { type: 'string' },
      conf: { type: 'string' },
      key: { type: 'string' },
      'known-hosts': { type: 'string', multiple: true, default: [] },
      'only-known-hosts': { type: 'boolean', default: false },
      'accept-new': { type: 'boolean', default: false },
      'ssh-config': { type: 'string' },
      archive: { type: 'string' },
      kind: { type: 'string', default: 'mhop' },
      'from-ftpsync': { type: 'boolean', default: false },
      staged: { type: 'boolean', default: false },
      callback: { type: 'boolean', default: false },
      command: { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      timeout: { type: 'string', default: '60' },
      'connect-timeout': { type: 'string', default: '45' },
      'push-delay': { type: 'string' },
      'log-dir': { type: 'string' },
      'no-log': { type: 'boolean', default: false },
      agent: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      wait: { type: 'string' },
      inventory: { type: 'string' },
    },
  });
  if (v.format !== 'text' && v.format !== 'json')
    throw new UsageError(`--format must be text or json, not \`${v.format}\``);
  if (!['all', 'mhop', 'stage2'].includes(v.kind)) throw new UsageError('--kind must be all, mhop or stage2');
  const num = (name: string, value: string | undefined, min: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} takes a number ≥ ${min}, not \`${value}\``);
    return n;
  };

  let setup;
  try {
    setup = loadPushSetup({
      ...(v['mirror-list'] ? { mirrorList: v['mirror-list'] } : {}),
      ...(v.conf ? { conf: v.conf } : {}),
      ...(v.key ? { keyFile: v.key } : {}),
      knownHosts: v['known-hosts'],
      onlyKnownHosts: v['only-known-hosts'],
      ...(v['ssh-config'] ? { sshConfig: v['ssh-config'] } : {}),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const s of setup.skipped) out.info(`${setup.mirrorList}:${s.line}: skipped: ${s.reason}`);
  const plan = selectDownstreams(setup.entries, positionals);
  if (!plan.some((e) => !isDelay(e)))
    throw new UsageError(
      positionals.length
        ? `no downstream named ${positionals.join(', ')} in ${setup.mirrorList}`
        : `no downstreams in ${setup.mirrorList}`,
    );

  const signaller = new Signaller({
    knownHosts: setup.knownHosts,
    sshConfig: setup.sshConfig,
    defaultKeyFile: setup.keyFile,
    agent: v.agent,
    connectTimeoutMs: num('connect-timeout', v['connect-timeout'], 1)! * 1000,
    // Batch use never asks: an unknown key is refused unless the caller said --accept-new.
    confirmUnknownHosts: async (keys) =>
      keys.map((k): HostKeyDecision => {
        if (!v['accept-new']) return 'refuse';
        out.info(`accepting new host key: ${k.display}`);
        return 'remember';
      }),
    promptWindowMs: 0,
  });
  // Warnings and errors reach stderr in every format; progress lines only in text.
  const onEvent = (line: string, level: EventLevel) => {
    if (level !== 'info') out.info(`${level}: ${line}`);
    else if (v.format === 'text') out.info(line);
  };
  const pushOptions = {
    // As runmirrors: PUSHARCHIVE from runmirrors.conf, else NAME of runmirrors-NAME.mirror, else empty.
    archive: v.archive ?? setup.archive,
    pushKind: v.kind as PushKind,
    fromFtpsync: v['from-ftpsync'],
    staged: v.staged,
    callback: v.callback,
    ...(v.command !== undefined ? { command: v.command } : {}),
    concurrency: num('concurrency', v.concurrency, 1)!,
    timeoutMs: num('timeout', v.timeout, 1)! * 1000,
    pushDelayMs: (num('push-delay', v['push-delay'], 0) ?? setup.pushDelayMs / 1000) * 1000,
    ...(v['no-log'] ? {} : { logDir: v['log-dir'] ?? setup.logDir }),
    signal,
    onEvent,
  };
  const waited =
    v.wait !== undefined
      ? await signalAndWait(signaller, plan, pushOptions, setup, {
          waitSeconds: waitSeconds(v.wait),
          ...(v.inventory ? { inventory: v.inventory } : {}),
          out,
          text: v.format === 'text',
          connectTimeoutMs: num('connect-timeout', v['connect-timeout'], 1)! * 1000,
          signal,
        })
      : undefined;
  const results = waited?.results ?? (await signaller.push(plan, pushOptions));
  const downstreams = summarise(plan, results);
  if (v.format === 'json') {
    const ok = downstreams.every((d) => d.signalled) && (!waited || landed(waited.outcomes));
    out.print(
      JSON.stringify({ ok, downstreams, results, ...(waited ? { propagation: waited.outcomes } : {}) }, null, 2),
    );
  } else {
    for (const d of downstreams)
      out.print(`${d.name}\t${d.status}\t${d.results.map((r) => describeResult(r)).join('; ')}`);
    for (const u of waited?.outcomes ?? []) out.print(`${u.name}\t${u.state}\t${describeOutcome(u)}`);
  }
  return downstreams.every((d) => d.signalled) && (!waited || landed(waited.outcomes)) ? 0 : 1;
}

/** Named downstreams only (DELAY lines kept, so a partial run still paces like the list). */
export function selectDownstreams(entries: readonly PlanEntry[], names: readonly string[]): PlanEntry[] {
  if (!names.length) return [...entries];
  const unknown = names.filter((n) => !entries.some((e) => !isDelay(e) && e.name === n));
  if (unknown.length) throw new UsageError(`unknown downstream ${unknown.join(', ')}`);
  return entries.filter((e) => isDelay(e) || names.includes(e.name));
}

export function summarise(plan: readonly PlanEntry[], results: readonly SignalResult[]) {
  return plan
    .filter((e): e is Downstream => !isDelay(e))
    .map((d) => {
      const mine = results.filter((r) => r.name === d.name);
      return {
        name: d.name,
        status: mine.length ? worstStatus(mine) : 'cancelled',
        signalled: mine.length > 0 && mine.every(signalled),
        results: mine,
      };
    });
}
