// Waiting for pushes to land, against signalling alone: N loopback downstreams (private sshds) whose
// forced command writes a new trace file and exits, as a finished ftpsync would, served by Node's
// http. "Signal alone" ends when every signal's exit status is in; "signal + wait" when every trace
// change has been seen by the propagation watch (baselines read first, polls from each signal on).
// Then one dead trace URL (a listener that accepts and never answers) among them: it must cost its
// own timeout and delay no one else. The web server runs in its own process, as a mirror's would.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KnownHosts } from '../../src/engine/knownHosts/knownHosts';
import type { Downstream, PlanEntry } from '../../src/engine/ssh/downstream';
import { Signaller } from '../../src/engine/ssh/fanout';
import { planFromMirrorList } from '../../src/engine/ssh/mirrorList';
import { fromText } from '../../src/engine/ssh/sshConfig';
import { TraceHttp } from '../../src/engine/traces/http';
import { pushAndWatch } from '../../src/engine/traces/push';
import { HttpTraceSource } from '../../src/engine/traces/sources';
import type { WatchTarget } from '../../src/engine/traces/watch';
import { stopProcess } from '../support/process';
import { startDownstreams, startSilentServer } from '../integration/signal/downstreams';

const N = Number(process.env.PM_BENCH_TRACES ?? 100);
const RUNS = Number(process.env.PM_BENCH_RUNS ?? 3);
const DEAD_TIMEOUT_MS = 2000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// The forced command: a new trace for the address it was reached on, written as ftpsync writes it (.new, then mv).
const WRITER = `#!/bin/sh
addr="\${SSH_CONNECTION#* * }"; addr="\${addr%% *}"
d="$(dirname "$0")/www/$addr/project/trace"
mkdir -p "$d"
{ LC_ALL=POSIX date -u; echo "Date: $(LC_ALL=POSIX date -u -R)"; echo "Archive serial: $(date +%s%N)"; } > "$d/$addr.new"
mv "$d/$addr.new" "$d/$addr"
`;

async function main() {
  const load = () => os.loadavg()[0]!.toFixed(1);
  console.log(
    `load average at start ${load()} on ${os.cpus().length} cores (figures from a busy machine are not comparable)`,
  );
  const ds = await startDownstreams(N);
  const writer = path.join(ds.dir, 'write-trace.sh');
  fs.writeFileSync(writer, WRITER, { mode: 0o755 });
  fs.mkdirSync(path.join(ds.dir, 'www'), { mode: 0o777 });
  fs.chmodSync(path.join(ds.dir, 'www'), 0o777);
  for (const s of ds.sshds) s.writeAuthorizedKeys(`restrict,command="${writer}" ${ds.key.line}\n`);
  const web = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'static-server.ts'), path.join(ds.dir, 'www')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve) =>
    web.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString()))),
  );
  const silent = await startSilentServer();
  const plan: PlanEntry[] = planFromMirrorList(ds.mirrorList('all', N), ds.key.privateKey).entries;
  const signaller = () =>
    new Signaller({
      knownHosts: new KnownHosts([ds.knownHosts]),
      sshConfig: fromText(''),
      defaultKeyFile: ds.key.privateKey,
    });
  const traceUrl = (t: { address: string }) => `http://127.0.0.1:${port}/m/${t.address}/project/trace/${t.address}`;
  const http = new TraceHttp({ timeoutMs: DEAD_TIMEOUT_MS });
  const targets = (dead?: string): WatchTarget[] =>
    (plan as Downstream[]).map((d, i) => ({
      name: d.name,
      source: new HttpTraceSource(
        d.name === dead
          ? `http://127.0.0.1:${silent.port}/debian/project/trace/dead.example.org`
          : traceUrl(ds.targets[i]!),
        http,
      ),
    }));
  try {
    // Every downstream has a trace before the runs (the baseline of a mirror that already syncs).
    await signaller().push(plan, { archive: 'debian', concurrency: 16 });

    const alone: number[] = [];
    const waited: number[] = [];
    const polls: number[] = [];
    const signalsIn: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      const results = await signaller().push(plan, { archive: 'debian', concurrency: 16 });
      if (results.some((r) => r.status !== 'ok'))
        throw new Error(`signal failed: ${JSON.stringify(results.find((r) => r.status !== 'ok'))}`);
      alone.push((performance.now() - t0) / 1000);

      t0 = performance.now();
      let lastResult = 0;
      const r = await pushAndWatch(
        signaller(),
        plan,
        { archive: 'debian', concurrency: 16, onResult: () => (lastResult = performance.now()) },
        targets(),
        { timeoutMs: 60_000 },
      );
      signalsIn.push((lastResult - t0) / 1000);
      const notDone = r.outcomes.filter((o) => o.state !== 'done');
      if (notDone.length) throw new Error(`not landed: ${JSON.stringify(notDone.slice(0, 3))}`);
      waited.push((performance.now() - t0) / 1000);
      polls.push(median(r.outcomes.map((o) => o.propagationMs!)) / 1000);
    }
    const a = median(alone);
    const w = median(waited);
    console.log(`${N} downstreams, HTTP traces on loopback, median of ${RUNS} runs (wall s)`);
    console.log(
      'signal alone\tsignal + wait until every trace changed\textra\t(of which: signals in, last change seen after)\tmedian propagation seen',
    );
    const s = median(signalsIn);
    console.log(
      `${a.toFixed(2)}\t${w.toFixed(2)}\t${(w - a).toFixed(2)}\t${s.toFixed(2)}, +${(w - s).toFixed(2)}\t${median(polls).toFixed(2)}`,
    );

    // One dead trace URL among them.
    const dead = (plan[0] as Downstream).name;
    const t0 = performance.now();
    let liveDone = 0;
    let deadSettled = 0;
    const r = await pushAndWatch(signaller(), plan, { archive: 'debian', concurrency: 16 }, targets(dead), {
      timeoutMs: 60_000,
      baselineWaitMs: 500,
      onUpdate: (u) => {
        const at = (performance.now() - t0) / 1000;
        if (u.name === dead && u.state === 'unknown') deadSettled = at;
        else if (u.state === 'done') liveDone = Math.max(liveDone, at);
      },
    });
    const total = (performance.now() - t0) / 1000;
    const deadOutcome = r.outcomes.find((o) => o.name === dead)!;
    console.log(`one dead trace URL (accepts, never answers; request timeout ${DEAD_TIMEOUT_MS / 1000} s) among ${N}:`);
    console.log('last live downstream done\tdead one settled\twhole wait\tdead outcome');
    console.log(
      `${liveDone.toFixed(2)}\t${deadSettled.toFixed(2)}\t${total.toFixed(2)}\t${deadOutcome.state}: ${deadOutcome.causes?.[0]}`,
    );
    console.log(`load average at end ${load()}`);
  } finally {
    http.close();
    await silent.close();
    await stopProcess(web);
    await ds.dispose();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
