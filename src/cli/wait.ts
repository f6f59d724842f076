import type { PlanEntry } from '../engine/ssh/downstream';
import { isDelay, type Downstream } from '../engine/ssh/downstream';
import type { PushOptions, Signaller } from '../engine/ssh/fanout';
import type { PushSetup } from '../engine/ssh/setup';
import { TraceHttp } from '../engine/traces/http';
import { pushAndWatch, type PushAndWatchResult } from '../engine/traces/push';
import { watchTargets } from '../engine/traces/targets';
import { describeOutcome } from '../engine/traces/describe';
import type { PropagationUpdate } from '../engine/traces/watch';
import { UsageError, type Output } from './output';
import { inventoryPath, loadInventoryFile } from './traceInputs';

// `push-mirror signal --wait[=SECONDS]`: after the signals, poll each downstream's trace (its
// pushmirror.yaml traceUrl) or its log over ssh (the `log` identity) until it changes, and say per
// downstream whether and how fast the push landed.

export const DEFAULT_WAIT_SECONDS = 1800;

export const WAIT_USAGE = `      --wait[=SECONDS]     then wait (default ${DEFAULT_WAIT_SECONDS} s) until each downstream's trace changes
                           (pushmirror.yaml traceUrl over HTTP(S), or its log over ssh); exit 1 unless all landed
      --inventory FILE     pushmirror.yaml for --wait; default beside the mirror list`;

/** parseArgs has no optional values: a bare `--wait` becomes `--wait=<default>`. */
export function expandWait(args: readonly string[]): string[] {
  return args.map((a) => (a === '--wait' ? `--wait=${DEFAULT_WAIT_SECONDS}` : a));
}

export function waitSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--wait takes a number of seconds > 0, not \`${value}\``);
  return n;
}

export async function signalAndWait(
  signaller: Signaller,
  plan: readonly PlanEntry[],
  push: PushOptions,
  setup: PushSetup,
  o: {
    waitSeconds: number;
    inventory?: string;
    out: Output;
    text: boolean;
    connectTimeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<PushAndWatchResult> {
  const file = inventoryPath(o.inventory, setup.mirrorList);
  const inventory = file ? await loadInventoryFile(file, o.out) : undefined;
  if (!file) o.out.info(`no pushmirror.yaml beside ${setup.mirrorList}: --wait has no trace URLs to read`);
  const http = new TraceHttp();
  try {
    const downstreams = plan.filter((e): e is Downstream => !isDelay(e));
    const targets = watchTargets(downstreams, inventory?.entries, {
      http,
      ssh: { knownHosts: setup.knownHosts, sshConfig: setup.sshConfig, connectTimeoutMs: o.connectTimeoutMs },
    });
    return await pushAndWatch(signaller, plan, push, targets, {
      timeoutMs: o.waitSeconds * 1000,
      ...(o.signal ? { signal: o.signal } : {}),
      onUpdate: o.text
        ? (u) => {
            if (u.state === 'syncing' || u.state === 'done' || u.state === 'never-synced' || u.state === 'unknown')
              o.out.info(`${u.name}: ${u.state === 'syncing' ? `sync started (${u.detail})` : describeOutcome(u)}`);
          }
        : undefined,
    });
  } finally {
    http.close();
  }
}

/** Landed: done. A downstream nobody can watch does not fail the run, but is said. */
export function landed(outcomes: readonly PropagationUpdate[]): boolean {
  return outcomes.every((u) => u.state === 'done' || u.state === 'unwatched');
}
