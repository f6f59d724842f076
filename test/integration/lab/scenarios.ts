import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { parseInventory } from '../../../src/engine/inventory/inventory';
import type { Downstream } from '../../../src/engine/ssh/downstream';
import type { SignalResult } from '../../../src/engine/ssh/fanout';
import { TraceHttp } from '../../../src/engine/traces/http';
import { pushAndWatch, type PushAndWatchResult } from '../../../src/engine/traces/push';
import { watchTargets } from '../../../src/engine/traces/targets';
import type { PropagationUpdate } from '../../../src/engine/traces/watch';
import type { Lab } from './lab';

// What the lab shows, for `npm run lab` and the integration test alike: one push measured end to end
// through `push-mirror signal --wait`, and the ways a push fails to land, each named.

export function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, print: (l) => stdout.push(l), info: (l) => stderr.push(l), error: (l) => stderr.push(l) };
}

export interface PushReport {
  code: number;
  outcome?: PropagationUpdate;
  results: SignalResult[];
  /** `propagated in N s`, or what broke. */
  line: string;
  stderr: string[];
}

/** The link of the chain a failed push points at, from its outcome and its signal's result. */
export function brokenLink(o: PropagationUpdate | undefined, results: readonly SignalResult[]): string {
  const r = results[results.length - 1];
  if (!o) return 'push-mirror signal itself';
  if (o.state === 'not-signalled') return `the ssh signal to ${r ? `${r.user}@${r.host}:${r.port}` : o.name}`;
  if (o.state === 'unknown' || o.state === 'unwatched') return `the trace URL (${o.source ?? 'none'})`;
  if (r?.exitCode === 127 || r?.exitCode === 126) return "the forced command in the downstream's authorized_keys";
  if (r?.exitCode === 3 || r?.exitCode === 4) return 'rsync from the upstream daemon (the account, the module)';
  if (r?.exitCode === 0) return `the trace URL (${o.source}: it does not show what ftpsync wrote)`;
  return "the downstream's sync";
}

/** One push to `name` through the CLI, waiting for it to land. */
export async function pushViaCli(lab: Lab, name: string, extra: string[] = []): Promise<PushReport> {
  const out = capture();
  const code = await main(['signal', ...lab.signalArgs(), '--wait=60', '--format', 'json', ...extra, name], out);
  const json = out.stdout.length
    ? (JSON.parse(out.stdout.join('\n')) as { results: SignalResult[]; propagation?: PropagationUpdate[] })
    : undefined;
  const outcome = json?.propagation?.find((p) => p.name === name);
  const results = json?.results ?? [];
  const line =
    outcome?.state === 'done'
      ? `propagated in ${((outcome.propagationMs ?? 0) / 1000).toFixed(1)} s`
      : `push did not land: broken link: ${brokenLink(outcome, results)}: ${(outcome?.causes ?? out.stderr).join('; ')}`;
  return { code, ...(outcome ? { outcome } : {}), results, line, stderr: out.stderr };
}

/** `push-mirror status` for the good downstream, judged against the upstream's master trace. */
export async function statusOf(lab: Lab, ...extra: string[]): Promise<{ code: number; stdout: string[] }> {
  const out = capture();
  const code = await main(
    [
      'status',
      '--mirror-list',
      lab.mirrorList,
      '--inventory',
      lab.inventory,
      '--master',
      path.join(lab.upstream.archive, 'project/trace/master'),
      ...extra,
    ],
    out,
  );
  return { code, stdout: out.stdout };
}

function targets(lab: Lab, http: TraceHttp) {
  const inventory = parseInventory(fs.readFileSync(lab.inventory, 'utf8'));
  return watchTargets(lab.plan('good') as Downstream[], inventory.entries, { http });
}

/**
 * A second push while the first sync runs (the lab must run with slowSyncSeconds): the second
 * ftpsync finds the lock, leaves Archive-Update-Required and exits 1; the running sync loops once
 * more and carries both pushes. Uses the engine API the extension uses.
 */
export async function secondPushDuringSync(
  lab: Lab,
): Promise<{ first: PushAndWatchResult; second: PushAndWatchResult; serials: [string, string] }> {
  const http = new TraceHttp();
  // The first sync waits in its hook until the second signal has been answered, however slow the machine.
  const release = lab.holdSyncs();
  try {
    const s1 = lab.publish();
    let s2 = '';
    let second: Promise<PushAndWatchResult> | undefined;
    const first = await pushAndWatch(lab.signaller(), lab.plan('good'), {}, targets(lab, http), {
      timeoutMs: 60_000,
      onUpdate: (u) => {
        if (u.state !== 'syncing' || second) return;
        s2 = lab.publish();
        second = pushAndWatch(lab.signaller(), lab.plan('good'), { onResult: release }, targets(lab, http), {
          timeoutMs: 60_000,
        });
      },
    });
    if (!second) throw new Error(`the first sync was never seen running: ${JSON.stringify(first.outcomes)}`);
    return { first, second: await second, serials: [s1, s2] };
  } finally {
    release();
    http.close();
  }
}
