import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';

// Issue 12, item 8: accepted keys written at the same time must all be kept, whether the writers are
// one process (parallel downstreams) or two (the CLI from cron while the extension runs).

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-kh-writes-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An ssh-ed25519 public key blob (type string + 32 bytes), enough for known_hosts. */
function blob(): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const b = Buffer.alloc(4 + type.length + 4 + 32);
  b.writeUInt32BE(type.length, 0);
  type.copy(b, 4);
  b.writeUInt32BE(32, 4 + type.length);
  randomBytes(32).copy(b, 8 + type.length);
  return b;
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

test('one process: 40 parallel adds through two KnownHosts objects on one file keep 40 lines', async () => {
  const file = path.join(dir, 'one-process');
  fs.writeFileSync(file, '# kept\n', { mode: 0o640 });
  const a = new KnownHosts([file]);
  const b = new KnownHosts([file]);
  const keys = Array.from({ length: 40 }, (_, i) => ({ host: `192.0.2.${i + 1}`, key: blob() }));
  await Promise.all(keys.map((k, i) => (i % 2 ? a : b).add(k.host, 22, k.key)));
  assert.equal(lines(file).length, 41);
  assert.equal(lines(file)[0], '# kept');
  for (const k of keys) assert.equal(a.verify(k.host, 22, k.key).status, 'trusted', k.host);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f !== 'one-process'),
    [],
    'no temp or lock file left behind',
  );
});

test('two processes adding 30 keys each at the same moment keep all 60 lines', async () => {
  const file = path.join(dir, 'two-processes');
  fs.writeFileSync(file, '');
  const module = path.resolve(__dirname, '../../../src/engine/knownHosts/knownHosts.ts');
  const start = Date.now() + 1500; // both begin at the same wall-clock moment
  const child = (tag: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const script = `
        const { KnownHosts } = require(${JSON.stringify(module)});
        const { randomBytes } = require('node:crypto');
        const blob = () => { const t = Buffer.from('ssh-ed25519'); const b = Buffer.alloc(4 + t.length + 36);
          b.writeUInt32BE(t.length, 0); t.copy(b, 4); b.writeUInt32BE(32, 4 + t.length); randomBytes(32).copy(b, 8 + t.length); return b; };
        const kh = new KnownHosts([${JSON.stringify(file)}]);
        setTimeout(async () => {
          await Promise.all(Array.from({ length: 30 }, (_, i) => kh.add('${tag}' + i + '.example.org', 22, blob())));
        }, ${start} - Date.now());`;
      const p = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (code) => resolve({ code, stderr }));
    });
  const results = await Promise.all([child('a'), child('b')]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  assert.equal(lines(file).length, 60, `kept ${lines(file).length} of 60`);
  const kh = new KnownHosts([file]);
  for (const tag of ['a', 'b'])
    for (let i = 0; i < 30; i++) assert.equal(kh.lookup(`${tag}${i}.example.org`).length, 1, `${tag}${i}`);
});

test('a lock left by a dead process is broken; one held by a live process is waited for, then given up clearly', async () => {
  const file = path.join(dir, 'locked');
  fs.writeFileSync(file, '');
  const dead = spawn('true');
  const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)));
  fs.writeFileSync(`${file}.lock`, `${deadPid} ${os.hostname()} feedface\n`);
  const kh = new KnownHosts([file]);
  await kh.add('stale.example.org', 22, blob());
  assert.equal(lines(file).length, 1);
  assert.ok(!fs.existsSync(`${file}.lock`));

  // This process is alive: its lock is respected until the wait runs out, and the file is untouched.
  fs.writeFileSync(`${file}.lock`, `${process.pid} ${os.hostname()} cafe\n`);
  const { appendUnderLock } = await import('../../../src/engine/knownHosts/write');
  const started = Date.now();
  await assert.rejects(
    appendUnderLock(file, () => 'x\n', { lockWaitMs: 300 }),
    /locked\.lock is held by another process/,
  );
  assert.ok(Date.now() - started < 2000);
  // A cancel (SIGTERM in the CLI) ends the wait at once.
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  const t0 = Date.now();
  await assert.rejects(
    appendUnderLock(file, () => 'x\n', { signal: ac.signal }),
    /cancelled while waiting/,
  );
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(lines(file).length, 1);
  // The lock is the live owner's still; once it is gone, writing works again.
  assert.match(fs.readFileSync(`${file}.lock`, 'utf8'), /cafe/);
  fs.rmSync(`${file}.lock`);
  await kh.add('after.example.org', 22, blob());
  assert.equal(lines(file).length, 2);
});

test('a known_hosts that is a symlink stays one; mode and owner of the file are kept; an existing key is not added twice', async () => {
  const real = path.join(dir, 'real_known_hosts');
  const link = path.join(dir, 'linked_known_hosts');
  fs.writeFileSync(real, '', { mode: 0o600 });
  fs.chmodSync(real, 0o600);
  if (process.getuid?.() === 0) fs.chownSync(real, 65534, 65534);
  fs.symlinkSync(real, link);
  const kh = new KnownHosts([link]);
  const key = blob();
  await kh.add('linked.example.org', 2222, key);
  await kh.add('LINKED.example.org', 2222, key);
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(lines(real).length, 1);
  const st = fs.statSync(real);
  assert.equal(st.mode & 0o777, 0o600);
  if (process.getuid?.() === 0) assert.deepEqual([st.uid, st.gid], [65534, 65534]);
});
