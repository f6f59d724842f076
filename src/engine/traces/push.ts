import { isDelay, type PlanEntry } from '../ssh/downstream';
import type { PushOptions, SignalResult, Signaller } from '../ssh/fanout';
import { PropagationWatch, type PropagationUpdate, type WatchOptions, type WatchTarget } from './watch';

// A push that waits for it to land: baselines first (at most `baselineWaitMs`, so a dead trace URL
// does not hold the signals up), then the signals through the usual fan-out with each downstream's
// send time and result handed to the watch, then the wait. What the extension and
// `push-mirror signal --wait` both call.

export interface PushAndWatchOptions extends WatchOptions {
  /** Longest wait for the baselines before signalling (default 2 s). */
  baselineWaitMs?: number;
  /** Every signal has its result; the wait for the traces goes on (the extension says so at once). */
  onSignalled?: (results: SignalResult[]) => void;
}

export interface PushAndWatchResult {
  results: SignalResult[];
  /** One final state per downstream of the plan. */
  outcomes: PropagationUpdate[];
}

export async function pushAndWatch(
  signaller: Signaller,
  plan: readonly PlanEntry[],
  push: PushOptions,
  targets: readonly WatchTarget[],
  options: PushAndWatchOptions,
): Promise<PushAndWatchResult> {
  const names = new Set(plan.filter((e) => !isDelay(e)).map((e) => (e as { name: string }).name));
  const watch = new PropagationWatch(
    targets.filter((t) => names.has(t.name)),
    options,
  );
  try {
    await watch.ready(options.baselineWaitMs ?? 2000);
    const results = await signaller.push(plan, {
      ...push,
      onStart: (d, stage, begun) => {
        watch.signalSent(d.name);
        push.onStart?.(d, stage, begun);
      },
      onResult: (r) => {
        watch.signalResult(r);
        push.onResult?.(r);
      },
    });
    watch.pushFinished();
    options.onSignalled?.(results);
    return { results, outcomes: await watch.settled() };
  } finally {
    watch.dispose();
  }
}
