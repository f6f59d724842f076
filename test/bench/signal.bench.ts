// Sending the push signal to N loopback downstreams (private sshds, `restrict,command=` recorder
// that returns at once): our engine (the built CLI, one Node process, ssh2) beside the seed's
// sequential `ssh … sleep 1` loop and Debian's real runmirrors (one ssh process per downstream).
// Wall time is until every downstream has recorded its command (runmirrors leaves its pushes in the
// background and exits early). CPU and peak memory are the client side's: /usr/bin/time around our
// CLI, and around every single ssh through a PATH shim for the seed and runmirrors (runmirrors' own
// bash is added; its backgrounded subshells are not, so its CPU is a lower bound). For runmirrors
// the memory figure is the sum of its ssh processes' peaks, since they run side by side.
// Everything here is synchronous (spawnSync, a polling wait): the sshds must therefore log to files,
// not to pipes this process would drain (test/support/sshd.ts does), or they hang once a pipe fills.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_USER } from '../support/sshd';
import {
  startDownstreams,
  startFullBacklogListener,
  startSilentServer,
  type Downstreams,
} from '../integration/signal/downstreams';

const SIZES = (process.env.PM_BENCH_SIZES ?? '1,10,50,100').split(',').map(Number);
const RUNS = Number(process.env.PM_BENCH_RUNS ?? 3);
/** Dead downstreams listed before the live ones in the starvation case (issue 12: 150 dead of 200). */
const DEAD = Number(process.env.PM_BENCH_DEAD ?? 150);
const root = path.resolve(__dirname, '..', '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Figures {
  wall: number;
  cpu: number;
  /** KiB */
  mem: number;
}

function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timesFile: string,
): { code: number; cpu: number; mem: number; stdout: string } {
  fs.writeFileSync(timesFile, '');
  const r = spawnSync('/usr/bin/time', ['-a', '-o', timesFile, '-f', '%U %S %M', cmd, ...args], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const rows = fs
    .readFileSync(timesFile, 'utf8')
    .split('\n')
    .filter((l) => /^[\d.]+ [\d.]+ \d+$/.test(l))
    .map((l) => l.split(' ').map(Number));
  return {
    stdout: r.stdout ?? '',
    code: r.status ?? -1,
    cpu: rows.reduce((s, [u, sy]) => s + u + sy, 0),
    mem: rows[0]?.[2] ?? 0,
  };
}

/** Waits (bounded) until `n` commands have finished on the downstreams; returns that moment. */
function waitForEnds(ds: Downstreams, n: number, limitMs = 120_000): number {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (ds.calls().filter((c) => c.phase === 'end').length >= n) return performance.now();
    spawnSync('sleep', ['0.01']);
  }
  throw new Error(`only ${ds.calls().filter((c) => c.phase === 'end').length} of ${n} downstreams answered`);
}

function reset(ds: Downstreams) {
  fs.writeFileSync(path.join(ds.dir, 'calls.log'), '');
}

function sshShim(dir: string, times: string): string {
  const bin = path.join(dir, 'shim');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, 'ssh'),
    `#!/bin/sh\nexec /usr/bin/time -a -o ${times} -f '%U %S %M' /usr/bin/ssh "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

function cliArgs(ds: Downstreams, list: string, extra: string[] = []): string[] {
  return [
    path.join(root, 'dist', 'cli.js'),
    'signal',
    '--mirror-list',
    list,
    '--key',
    ds.key.privateKey,
    '--known-hosts',
    ds.knownHosts,
    '--only-known-hosts',
    '--ssh-config',
    'none',
    '--no-log',
    '--archive',
    'debian',
    '--concurrency',
    '16',
    '--format',
    'json',
    ...extra,
  ];
}

function ours(ds: Downstreams, n: number, work: string): Figures {
  const list = path.join(work, `ours-${n}.mirror`);
  fs.writeFileSync(list, ds.mirrorList('all', n));
  reset(ds);
  const t0 = performance.now();
  const r = timed(process.execPath, cliArgs(ds, list), process.env, path.join(work, 'ours.times'));
  if (r.code !== 0) {
    const failed = (
      JSON.parse(r.stdout) as { results: { name: string; status: string; message?: string }[] }
    ).results.filter((x) => x.status !== 'ok');
    throw new Error(`push-mirror signal exited ${r.code}: ${JSON.stringify(failed.slice(0, 5))}`);
  }
  const t1 = waitForEnds(ds, n);
  return { wall: (t1 - t0) / 1000, cpu: r.cpu, mem: r.mem };
}

function seed(ds: Downstreams, n: number, work: string): Figures {
  const times = path.join(work, 'seed.times');
  fs.writeFileSync(times, '');
  const bin = sshShim(work, times);
  const lines = ds.targets
    .slice(0, n)
    .map(
      (t) =>
        `ssh -n -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${ds.knownHosts} -o GlobalKnownHostsFile=/dev/null -i ${ds.key.privateKey} -p ${t.port} ${TEST_USER}@${t.address} sleep 1`,
    );
  const script = path.join(work, 'seed.sh');
  fs.writeFileSync(script, `#!/bin/sh\n${lines.join('\n')}\n`, { mode: 0o755 });
  reset(ds);
  const t0 = performance.now();
  spawnSync('/bin/sh', [script], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    stdio: 'ignore',
    timeout: 300_000,
  });
  const t1 = waitForEnds(ds, n);
  const rows = fs
    .readFileSync(times, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ').map(Number));
  return {
    wall: (t1 - t0) / 1000,
    cpu: rows.reduce((s, [u, sy]) => s + u + sy, 0),
    mem: Math.max(...rows.map((r) => r[2])),
  };
}

function runmirrors(ds: Downstreams, n: number, work: string): Figures {
  // runmirrors reads ~/.config/ftpsync/runmirrors.conf: a private HOME holds its config, logs and locks.
  const home = path.join(work, `rm-home-${n}`);
  fs.mkdirSync(path.join(home, '.config', 'ftpsync'), { recursive: true });
  const list = path.join(home, '.config', 'ftpsync', 'runmirrors.mirror');
  fs.writeFileSync(list, ds.mirrorList('all', n));
  fs.writeFileSync(
    path.join(home, '.config', 'ftpsync', 'runmirrors.conf'),
    `KEYFILE=${ds.key.privateKey}\nMIRRORS=${list}\nBASEDIR=${home}\nMAILTO=nobody\nPUSHARCHIVE=debian\n` +
      `SSH_OPTS="-o StrictHostKeyChecking=yes -o UserKnownHostsFile=${ds.knownHosts} -o GlobalKnownHostsFile=/dev/null"\n`,
  );
  const times = path.join(work, 'rm.times');
  fs.writeFileSync(times, '');
  const bin = sshShim(work, times);
  reset(ds);
  const t0 = performance.now();
  const self = timed(
    '/usr/bin/runmirrors',
    [],
    { ...process.env, HOME: home, LOGNAME: 'bench', PATH: `${bin}:${process.env.PATH}` },
    path.join(work, 'rm-self.times'),
  );
  const t1 = waitForEnds(ds, n);
  // The shim's lines arrive as each ssh exits; all have exited once every downstream answered, give stragglers a moment.
  spawnSync('sleep', ['0.2']);
  const rows = fs
    .readFileSync(times, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ').map(Number));
  return {
    wall: (t1 - t0) / 1000,
    cpu: self.cpu + rows.reduce((s, [u, sy]) => s + u + sy, 0),
    mem: rows.reduce((s, r) => s + r[2], 0),
  };
}

/**
 * Live downstreams behind dead ones (half accept and never speak, half never accept: a full accept
 * queue drops the SYN, as a host that is down). Figure: seconds from the start until the last live
 * downstream's forced command ended (its own timestamps), alone and behind the dead ones; and the
 * whole run, which waits for the dead ones' 10 s connect timeout.
 */
async function deadFigures(ds: Downstreams, live: number, work: string): Promise<void> {
  const silent = await startSilentServer();
  const backlog = await startFullBacklogListener();
  try {
    const dead = Array.from(
      { length: DEAD },
      (_, i) => `all dead${i} 127.0.0.1 ${TEST_USER} -p ${i % 2 ? silent.port : backlog.port}\n`,
    ).join('');
    const lastLiveEnd = (listText: string, name: string) => {
      const list = path.join(work, name);
      fs.writeFileSync(list, listText);
      reset(ds);
      const t0 = Date.now() / 1000;
      const r = timed(
        process.execPath,
        cliArgs(ds, list, ['--connect-timeout', '10']),
        process.env,
        path.join(work, 'd.times'),
      );
      const wall = Date.now() / 1000 - t0;
      const ends = ds.calls().filter((c) => c.phase === 'end');
      if (ends.length !== live) throw new Error(`${ends.length} of ${live} live downstreams answered (exit ${r.code})`);
      return { last: Math.max(...ends.map((c) => c.time)) - t0, wall };
    };
    const alone = Array.from({ length: RUNS }, () => lastLiveEnd(ds.mirrorList('all', live), 'live.mirror'));
    const behind = Array.from({ length: RUNS }, () =>
      lastLiveEnd(dead + ds.mirrorList('all', live), 'dead-first.mirror'),
    );
    const m = (xs: { last: number; wall: number }[], k: 'last' | 'wall') => median(xs.map((x) => x[k])).toFixed(2);
    console.log(
      `\n${live} live downstreams behind ${DEAD} dead ones (connect timeout 10 s, concurrency 16), median of ${RUNS}`,
    );
    console.log('case\tlast live downstream done s\twhole run s');
    console.log(`${live} live alone\t${m(alone, 'last')}\t${m(alone, 'wall')}`);
    console.log(`${DEAD} dead + ${live} live\t${m(behind, 'last')}\t${m(behind, 'wall')}`);
  } finally {
    await silent.close();
    await backlog.close();
  }
}

function medianFigures(fs_: Figures[]): Figures {
  return {
    wall: median(fs_.map((f) => f.wall)),
    cpu: median(fs_.map((f) => f.cpu)),
    mem: median(fs_.map((f) => f.mem)),
  };
}

async function main() {
  const cli = path.join(root, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('build first (npm run bench does)');
  // A development build (not minified, source map) is slower to start: say so beside the figures.
  if (fs.readFileSync(cli, 'utf8').includes('//# sourceMappingURL='))
    console.log(
      'note: dist/cli.js is a development build; run node scripts/build.mjs --production for comparable figures',
    );
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(
    `load average at start ${load()} on ${os.cpus().length} cores (figures from a busy machine are not comparable)`,
  );
  const max = Math.max(...SIZES);
  const ds = await startDownstreams(max);
  const work = fs.mkdtempSync(path.join(ds.dir, 'bench-'));
  fs.chmodSync(work, 0o755);
  try {
    console.log(`signal fan-out, loopback, median of ${RUNS} runs; wall s / client CPU s / peak memory MiB`);
    console.log(
      'N\tours (ssh2, 1 process)\tseed (sequential ssh)\trunmirrors (ftpsync)\tours vs runmirrors\tours vs seed',
    );
    for (const n of SIZES) {
      const o = medianFigures(Array.from({ length: RUNS }, () => ours(ds, n, work)));
      const s = medianFigures(Array.from({ length: RUNS }, () => seed(ds, n, work)));
      const r = medianFigures(Array.from({ length: RUNS }, () => runmirrors(ds, n, work)));
      const f = (x: Figures) => `${x.wall.toFixed(2)} / ${x.cpu.toFixed(2)} / ${(x.mem / 1024).toFixed(0)}`;
      console.log(
        `${n}\t${f(o)}\t${f(s)}\t${f(r)}\t${(r.wall / o.wall).toFixed(1)}× faster\t${(s.wall / o.wall).toFixed(1)}× faster`,
      );
    }
    await deadFigures(ds, Math.min(50, ds.targets.length), work);
    console.log(`load average at end ${load()}`);
  } finally {
    await ds.dispose();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
