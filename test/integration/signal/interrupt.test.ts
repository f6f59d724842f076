import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { TEST_USER } from '../../support/sshd';
import { startDownstreams, startSilentServer, type Downstreams } from './downstreams';

// Issue 12, item 10: the CLI from cron must never hang on a special file and must honour SIGTERM at
// every point (connecting, waiting on a DELAY, in a running session, waiting to write known_hosts):
// in-flight signals are cancelled, each contacted downstream's log gets its result, and it exits
// promptly with 143 (128 + SIGTERM, as a shell reports a process killed by it).

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
let ds: Downstreams;
before(async () => {
  if (!fs.existsSync(CLI))
    throw new Error('build first: node scripts/build.mjs (node scripts/test.mjs integration does)');
  ds = await startDownstreams(2);
});
after(async () => {
  await ds?.dispose();
});

interface Spawned {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function cli(list: string, extra: string[] = [], knownHosts = ds.knownHosts): Spawned {
  const file = path.join(ds.dir, `list-${Math.random().toString(36).slice(2)}.mirror`);
  fs.writeFileSync(file, list);
  const args = [
    CLI,
    'signal',
    '--mirror-list',
    file,
    '--key',
    ds.key.privateKey,
    '--known-hosts',
    knownHosts,
    '--only-known-hosts',
    '--ssh-config',
    'none',
    '--log-dir',
    path.join(ds.dir, 'log'),
    ...extra,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  // Bounded: a CLI that ignores SIGTERM is killed after 20 s and reported as such.
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, at: Date.now() });
    }),
  );
  return { child, stderr: () => stderr, exit };
}

async function until(what: string, accept: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!accept()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25)); // polling a file another process writes
  }
}

async function terminate(p: Spawned): Promise<{ code: number | null; tookMs: number }> {
  const sent = Date.now();
  p.child.kill('SIGTERM');
  const { code, signal, at } = await p.exit;
  assert.equal(signal, null, `killed by ${signal}: SIGTERM was not honoured\n${p.stderr()}`);
  return { code, tookMs: at - sent };
}

const line = (t: Downstreams['targets'][number], name = t.name) =>
  `all ${name} ${t.address} ${TEST_USER} -p ${t.port}\n`;

test('SIGTERM while a downstream runs its (sleeping) forced command: 143 within 2 s, the log says cancelled', async () => {
  fs.writeFileSync(path.join(ds.dir, 'calls.log'), '');
  const t = ds.targets[0];
  ds.setDelay(t.address, 30);
  const p = cli(line(t, 'sleeper'));
  await until('the forced command to start', () => ds.calls().some((c) => c.phase === 'start'));
  const { code, tookMs } = await terminate(p);
  ds.setDelay(t.address, 0);
  assert.equal(code, 143, p.stderr());
  assert.ok(tookMs < 2000, `exited ${tookMs} ms after SIGTERM`);
  const log = fs.readFileSync(path.join(ds.dir, 'log', 'sleeper.log'), 'utf8');
  assert.match(log, /Sending normal trigger\n/);
  assert.match(log, /Result: cancelled/);
});

test('SIGTERM while waiting on a DELAY and while connecting to a silent host: 143 promptly', async () => {
  const delayed = cli(`DELAY 600\n${line(ds.targets[1], 'after-delay')}`);
  await until('the DELAY', () => /DELAY 600/.test(delayed.stderr()));
  const d = await terminate(delayed);
  assert.equal(d.code, 143, delayed.stderr());
  assert.ok(d.tookMs < 2000, `exited ${d.tookMs} ms after SIGTERM`);
  assert.ok(!fs.existsSync(path.join(ds.dir, 'log', 'after-delay.log')), 'a downstream after the DELAY was contacted');

  const silent = await startSilentServer();
  try {
    const hung = cli(`all hung 127.0.0.1 ${TEST_USER} -p ${silent.port}\n`, ['--connect-timeout', '60']);
    await until('the connection', () => /hung: sending/.test(hung.stderr()));
    const h = await terminate(hung);
    assert.equal(h.code, 143, hung.stderr());
    assert.ok(h.tookMs < 2000, `exited ${h.tookMs} ms after SIGTERM`);
    assert.match(fs.readFileSync(path.join(ds.dir, 'log', 'hung.log'), 'utf8'), /Result: cancelled/);
  } finally {
    await silent.close();
  }
});

test("SIGTERM while --accept-new waits for another process's known_hosts lock: 143 promptly, the file untouched", async () => {
  const kh = path.join(ds.dir, 'locked_known_hosts');
  fs.writeFileSync(kh, '');
  // This test process holds the lock, as an extension writing at that moment would.
  fs.writeFileSync(`${kh}.lock`, `${process.pid} ${os.hostname()} held-by-the-test\n`);
  try {
    const p = cli(line(ds.targets[1], 'new-host'), ['--accept-new'], kh);
    await until('the accepted key', () => /accepting new host key: 256 SHA256:/.test(p.stderr()));
    await new Promise((r) => setTimeout(r, 300)); // now in the lock wait (bounded at 10 s)
    const { code, tookMs } = await terminate(p);
    assert.equal(code, 143, p.stderr());
    assert.ok(tookMs < 2000, `exited ${tookMs} ms after SIGTERM`);
    assert.equal(fs.readFileSync(kh, 'utf8'), '');
    assert.match(fs.readFileSync(`${kh}.lock`, 'utf8'), /held-by-the-test/);
    assert.match(fs.readFileSync(path.join(ds.dir, 'log', 'new-host.log'), 'utf8'), /Result: cancelled/);
  } finally {
    fs.rmSync(`${kh}.lock`, { force: true });
  }
});

test('a FIFO or a device as the key, the list, runmirrors.conf or ~/.ssh/config: a clear refusal, never a hang', async () => {
  const fifo = path.join(ds.dir, 'fifo');
  fs.rmSync(fifo, { force: true });
  const mk = spawn('mkfifo', [fifo]);
  await new Promise((r) => mk.on('exit', r));
  const t = ds.targets[0];
  for (const key of [fifo, '/dev/zero']) {
    const p = cli(line(t), ['--key', key]);
    const { code, at } = await p.exit;
    assert.equal(code, 1, p.stderr());
    assert.match(p.stderr(), new RegExp(`${key.replace(/[/.]/g, '\\$&')} is a (FIFO|character device)`));
    assert.ok(at > 0);
  }
  const sshConfig = cli(line(t), ['--ssh-config', fifo]);
  assert.equal((await sshConfig.exit).code, 2, sshConfig.stderr());
  assert.match(sshConfig.stderr(), /is a FIFO \(named pipe\), not a regular file/);
  const conf = cli(line(t), ['--conf', '/dev/zero']);
  assert.equal((await conf.exit).code, 2, conf.stderr());
  assert.match(conf.stderr(), /\/dev\/zero is a character device/);
  const listFifo = spawn(process.execPath, [CLI, 'signal', '--mirror-list', fifo, '--no-log'], { stdio: 'pipe' });
  let err = '';
  listFifo.stderr.on('data', (d) => (err += d));
  const killer = setTimeout(() => listFifo.kill('SIGKILL'), 10_000);
  const code = await new Promise((r) => listFifo.on('exit', (c) => r(c)));
  clearTimeout(killer);
  assert.equal(code, 2, err);
  assert.match(err, /is a FIFO/);
});
