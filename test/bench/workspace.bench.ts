import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../lsp/harness';

// The whole-workspace check of a large workspace, over LSP with the built dist/server.js: a repository of
// host configs (hosts/<n>/ with an rsyncd.conf, its secrets file, an authorized_keys and an ftpsync.conf,
// real-world samples from test/fixtures), 2,000 and 5,000 files. Figures: time from `initialized` to the
// end of the first run, a re-run after one file changed, the server's peak memory, and how long a hover
// on an open document waits while the run goes on (the run yields between files).

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const KEYS = fs.readFileSync(path.join(FIXTURES, 'authkeys/real-world/debian-push-mirror.authorized_keys'), 'utf8');
const FTPSYNC = fs.readFileSync(path.join(FIXTURES, 'ftpsync/real-world/package-sample.conf'), 'utf8');

function generate(root: string, hosts: number): void {
  for (let i = 0; i < hosts; i++) {
    const dir = path.join(root, 'hosts', `mirror${i}.example.org`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'rsyncd.conf'),
      [
        'uid = nobody',
        'gid = nogroup',
        'use chroot = yes',
        `[debian]`,
        `  path = ${root}`,
        '  read only = yes',
        '  auth users = upstream, ann',
        `  secrets file = ${path.join(dir, 'rsyncd.secrets')}`,
        `  hosts allow = 192.0.2.${i % 250}/32`,
        i % 5 === 0 ? '  reed only = no' : '  timeout = 600',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'rsyncd.secrets'), 'upstream:Fake-Bench-Pass\n', { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'authorized_keys'), KEYS);
    fs.writeFileSync(path.join(dir, 'ftpsync.conf'), FTPSYNC);
  }
}

/** The server's resident memory now and at its peak, in MiB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const runLine = /workspace check: (\d+) of (\d+) files checked in (\d+) ms, (\d+) with problems/;

async function bench(hosts: number): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-workspace-'));
  try {
    generate(root, hosts);
    const idle = new LspProcess();
    await idle.initialize(undefined);
    const baseline = memory(idle.pid!).rss;
    await idle.stop();

    const lsp = new LspProcess();
    const t0 = performance.now();
    await lsp.initialize(root);
    // A document open while the run goes on: how long do its hovers wait?
    const open = pathToFileURL(path.join(root, 'open', 'rsyncd.conf')).href;
    await lsp.open(open, 'rsyncd-conf', '[x]\n  path = /srv\n  read only = yes\n');
    const waits: number[] = [];
    let done = false;
    const finished = lsp.waitForLog(runLine, 0, 300_000).finally(() => (done = true));
    while (!done) {
      const h0 = performance.now();
      await lsp.request('textDocument/hover', { textDocument: { uri: open }, position: { line: 2, character: 4 } });
      waits.push(performance.now() - h0);
      // About a keystroke's pace; hammering would measure the hovers, not the run.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The first waits for the folders to be walked, as every first request of a fresh server does.
    const firstHover = waits.shift()!;
    const [, checked, listed, ms, withProblems] = runLine.exec(await finished)!;
    const first = performance.now() - t0;
    const mem = memory(lsp.pid!);

    const from = lsp.logs.length;
    const changed = path.join(root, 'hosts', 'mirror1.example.org', 'rsyncd.conf');
    fs.appendFileSync(changed, '  reed only = yes\n');
    const r0 = performance.now();
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(changed).href, type: 2 }],
    });
    const [, , , rerunMs] = runLine.exec(await lsp.waitForLog(runLine, from, 300_000))!;
    const rerun = performance.now() - r0;
    await lsp.stop();

    waits.sort((a, b) => a - b);
    const pct = (p: number) => waits[Math.min(waits.length - 1, Math.floor(waits.length * p))].toFixed(1);
    console.log(`${listed} mirror files (${hosts} hosts), ${checked} checked, ${withProblems} with problems`);
    console.log(`  first run:   ${ms} ms in the server, ${first.toFixed(0)} ms from initialize`);
    console.log(
      `  one change:  ${rerunMs} ms in the server, ${rerun.toFixed(0)} ms from the event (300 ms of it settling)`,
    );
    console.log(
      `  memory:      ${mem.rss.toFixed(0)} MiB resident after the run, ${mem.peak.toFixed(0)} MiB peak (idle server ${baseline.toFixed(0)} MiB)`,
    );
    console.log(
      `  hover while it runs: first ${firstHover.toFixed(0)} ms, then ${waits.length} hovers: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await bench(500);
  await bench(1250);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
