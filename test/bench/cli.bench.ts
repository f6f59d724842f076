import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// `push-mirror` start-up over bare Node (target for `check` of one small file: under 25 ms), the
// figure cron and CI pay on every call. Runs dist/cli.js as a user would; median of 15 after 3 warm-ups.

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'pm-bench-cli-'));
const conf = path.join(scratch, 'rsyncd.conf');
writeFileSync(conf, 'port = 873\n[debian]\n  path = /srv/mirror/debian\n  read only = yes\n');
const inventory = path.join(scratch, 'pushmirror.yaml');
writeFileSync(inventory, 'downstreams:\n  - name: eu.one\n    host: mirror.example.org\n');

function median(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < 18; i++) {
    const start = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

try {
  const bare = median(['-e', '0']);
  console.log(`bare node                        ${bare.toFixed(1)} ms`);
  for (const [label, args] of [
    ['push-mirror --version', ['--version']],
    ['push-mirror check rsyncd.conf', ['check', conf]],
    ['push-mirror check pushmirror.yaml', ['check', inventory]],
    ['push-mirror check --rule (every rule)', ['check', '--rule', 'rsyncd/strict-modes-off=off', conf]],
  ] as const) {
    const ms = median([cli, ...args]);
    console.log(`${label.padEnd(38)} ${ms.toFixed(1)} ms (+${(ms - bare).toFixed(1)} over bare node)`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
