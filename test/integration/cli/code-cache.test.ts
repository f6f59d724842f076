// The built CLI (dist/cli.js) runs its bundle through V8's code cache, one file per command in
// $XDG_CACHE_HOME/push-mirror. Whether V8 took a cache shows from outside: a cache it takes is left as
// it is, one it refuses (or one that is not read at all) is written anew, as a new file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const conf = path.join(dir, 'rsyncd.conf');
fs.writeFileSync(conf, '[debian]\n  path = /srv/mirror/debian\n  read only = yes\n  reed only = no\n');

function cli(home: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: home };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The check command's cache file in a cache home. */
function checkCache(home: string): string {
  const folder = path.join(home, 'push-mirror');
  const names = fs.readdirSync(folder).filter((n) => /^cli-[0-9a-f]{16}-check-.*\.v8$/.test(n));
  assert.equal(names.length, 1, fs.readdirSync(folder).join(', '));
  return path.join(folder, names[0]);
}

const uncached = cli(path.join(dir, 'unused'), 'check', conf);
test('without a cache the CLI checks as always (an error: exit 1)', () => {
  assert.equal(uncached.status, 1);
  assert.match(uncached.stdout, /rsyncd\/unknown-parameter/);
});

test('the first check writes a private cache; the next ones use it and give the same answer', () => {
  const home = path.join(dir, 'first');
  assert.deepEqual(cli(home, 'check', conf), uncached);
  const file = checkCache(home);
  const written = fs.statSync(file);
  assert.equal(written.mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
  assert.ok(written.size > 10_000, `${written.size} bytes`);
  for (let run = 0; run < 2; run++) {
    assert.deepEqual(cli(home, 'check', conf), uncached);
    assert.equal(fs.statSync(file).ino, written.ino, 'V8 took the cache, so it was not written again');
  }
  // Each command keeps its own: `--version` compiles none of check's code.
  assert.equal(cli(home, '--version').status, 0);
  assert.equal(fs.readdirSync(path.dirname(file)).length, 2);
});

test("a check of another kind of file adds its code to the command's cache, once", () => {
  const home = path.join(dir, 'kinds');
  const inventory = path.join(dir, 'pushmirror.yaml');
  fs.writeFileSync(inventory, 'version: 1\ndownstreams:\n  eu.one:\n    displayName: One (Europe)\n');
  cli(home, 'check', conf);
  const file = checkCache(home);
  const rsyncdOnly = fs.statSync(file);
  const inventoryAnswer = cli(home, 'check', inventory);
  assert.equal(inventoryAnswer.status, 0, inventoryAnswer.stderr);
  const both = fs.statSync(file);
  assert.notEqual(both.ino, rsyncdOnly.ino, 'the inventory rules and yaml were compiled anew, and cached');
  assert.ok(both.size > rsyncdOnly.size, `${both.size} > ${rsyncdOnly.size}`);
  assert.deepEqual(cli(home, 'check', inventory), inventoryAnswer);
  assert.deepEqual(cli(home, 'check', conf), uncached);
  assert.equal(fs.statSync(file).ino, both.ino, 'the cache now holds both');
});

test('a cache V8 refuses is written anew, and the answer does not change', () => {
  const home = path.join(dir, 'refused');
  cli(home, 'check', conf);
  const file = checkCache(home);
  // Same length, other bytes: what a cache of another build of the same size looks like to V8's check.
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, Buffer.alloc(bytes.length, 0x5a));
  const before = fs.statSync(file).ino;
  assert.deepEqual(cli(home, 'check', conf), uncached);
  assert.notEqual(fs.statSync(file).ino, before);
  assert.ok(!fs.readFileSync(file).equals(Buffer.alloc(bytes.length, 0x5a)));
});

test('a good cache that others could have written is not read, and is replaced by a private one', () => {
  const home = path.join(dir, 'shared');
  cli(home, 'check', conf);
  const file = checkCache(home);
  fs.chmodSync(file, 0o664);
  const before = fs.statSync(file).ino;
  assert.deepEqual(cli(home, 'check', conf), uncached);
  const after = fs.statSync(file);
  assert.notEqual(after.ino, before, 'had V8 been handed the good cache, it would have kept it');
  assert.equal(after.mode & 0o777, 0o600);
});

test("another build's caches are removed when this build writes its own", () => {
  const home = path.join(dir, 'old');
  const folder = path.join(home, 'push-mirror');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(folder, `cli-0000000000000000-check-${process.version}-${process.arch}.v8`), 'old');
  fs.writeFileSync(path.join(folder, 'README'), 'not ours');
  cli(home, 'check', conf);
  assert.deepEqual(fs.readdirSync(folder).sort(), [path.basename(checkCache(home)), 'README'].sort());
});

test('no cache where none can be written, or when NODE_DISABLE_COMPILE_CACHE is set: same answer, no noise', () => {
  const notAFolder = path.join(dir, 'a-file');
  fs.writeFileSync(notAFolder, '');
  assert.deepEqual(cli(notAFolder, 'check', conf), uncached);
  const off = path.join(dir, 'off');
  const r = spawnSync(process.execPath, [CLI, 'check', conf], {
    env: { ...process.env, XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' },
    encoding: 'utf8',
  });
  assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, uncached);
  assert.equal(fs.existsSync(off), false);
});
