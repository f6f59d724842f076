import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// `push-mirror` start-up over bare Node (target for `check` of one small file: under 25 ms), the
// figure cron and CI pay on every call. Runs dist/cli.js as a user would: with the code cache it keeps
// in $XDG_CACHE_HOME/push-mirror (here a scratch folder, filled by the warm-up runs) and without it
// (NODE_DISABLE_COMPILE_CACHE, or a first run). The cases take turns, so a busy machine slows them
// alike; medians of 21 after 3 warm-ups.

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'pm-bench-cli-'));
const conf = path.join(scratch, 'rsyncd.conf');
writeFileSync(conf, 'port = 873\n[debian]\n  path = /srv/mirror/debian\n  read only = yes\n');
const inventory = path.join(scratch, 'pushmirror.yaml');
writeFileSync(inventory, 'version: 1\ndownstreams:\n  eu.one:\n    displayName: One (Europe)\n');

const cached = { ...process.env, XDG_CACHE_HOME: path.join(scratch, 'cache') };
const uncached = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
const cases: [string, string[], NodeJS.ProcessEnv][] = [
  ['bare node', ['-e', '0'], process.env],
  ['push-mirror --version', [cli, '--version'], cached],
  ['push-mirror check rsyncd.conf', [cli, 'check', conf], cached],
  ['  the same without the code cache', [cli, 'check', conf], uncached],
  ['push-mirror check pushmirror.yaml', [cli, 'check', inventory], cached],
  ['push-mirror check --rule (every rule)', [cli, 'check', '--rule', 'rsyncd/strict-modes-off=off', conf], cached],
];

try {
  const times = cases.map((): number[] => []);
  for (let round = 0; round < 24; round++)
    cases.forEach(([, args, env], i) => {
      const start = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore', env });
      if (round >= 3) times[i].push(performance.now() - start);
    });
  const medians = times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
  cases.forEach(([label], i) => {
    const over = i === 0 ? '' : ` (+${(medians[i] - medians[0]).toFixed(1)} over bare node)`;
    console.log(`${label.padEnd(38)} ${medians[i].toFixed(1)} ms${over}`);
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
