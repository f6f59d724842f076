import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { cacheFolder, loadWithCodeCache, readOwnedCache } from '../../../src/cli/codeCache';

// The CLI's code cache is code this process runs: it is read only from the user's own, private files.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-code-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function privateFolder(name: string): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  return folder;
}

function cacheIn(folder: string, mode = 0o600): string {
  const file = path.join(folder, 'cli-test.v8');
  fs.writeFileSync(file, 'cached bytes');
  fs.chmodSync(file, mode);
  return file;
}

test('a private cache file in a private folder is read', () => {
  assert.equal(readOwnedCache(cacheIn(privateFolder('good')))?.toString(), 'cached bytes');
});

test('a cache file the group or others may write is not read', () => {
  assert.equal(readOwnedCache(cacheIn(privateFolder('group-file'), 0o620)), undefined);
  assert.equal(readOwnedCache(cacheIn(privateFolder('world-file'), 0o602)), undefined);
});

test('a private file in a folder others may write to is not read (they could swap it)', () => {
  const folder = privateFolder('open-folder');
  const file = cacheIn(folder);
  fs.chmodSync(folder, 0o777);
  assert.equal(readOwnedCache(file), undefined);
  fs.chmodSync(folder, 0o1777); // even with the sticky bit, as /tmp has
  assert.equal(readOwnedCache(file), undefined);
});

test('a link, a FIFO, a folder or an empty file is not read, and a FIFO does not block', () => {
  const folder = privateFolder('odd');
  const target = cacheIn(privateFolder('odd-target'));
  fs.symlinkSync(target, path.join(folder, 'link.v8'));
  assert.equal(readOwnedCache(path.join(folder, 'link.v8')), undefined);
  execFileSync('mkfifo', [path.join(folder, 'fifo.v8')]);
  assert.equal(readOwnedCache(path.join(folder, 'fifo.v8')), undefined);
  fs.mkdirSync(path.join(folder, 'dir.v8'));
  assert.equal(readOwnedCache(path.join(folder, 'dir.v8')), undefined);
  fs.writeFileSync(path.join(folder, 'empty.v8'), '', { mode: 0o600 });
  assert.equal(readOwnedCache(path.join(folder, 'empty.v8')), undefined);
  assert.equal(readOwnedCache(path.join(folder, 'missing.v8')), undefined);
});

test(
  'a cache file or folder of another user is not read',
  { skip: process.getuid?.() !== 0 && 'needs root to chown' },
  () => {
    const theirs = cacheIn(privateFolder('their-file'));
    fs.chownSync(theirs, 65534, 65534);
    assert.equal(readOwnedCache(theirs), undefined);
    const folder = privateFolder('their-folder');
    const file = cacheIn(folder);
    fs.chownSync(folder, 65534, 65534);
    assert.equal(readOwnedCache(file), undefined);
    // As under a `sudo` that keeps HOME: root neither reads nor writes the invoking user's cache.
    const home = path.join(dir, 'their-home');
    const theirCache = path.join(home, 'push-mirror');
    fs.mkdirSync(theirCache, { recursive: true, mode: 0o700 });
    fs.chownSync(theirCache, 65534, 65534);
    const bundle = path.join(dir, 'sudo.cjs');
    fs.writeFileSync(bundle, 'exports.ok = true;');
    loadWithCodeCache(bundle, { digest: 'd', command: 'check', env: { XDG_CACHE_HOME: home } }).save();
    assert.deepEqual(fs.readdirSync(theirCache), []);
  },
);

test('the cache folder: XDG_CACHE_HOME when absolute, else ~/.cache; none when Node turns caching off', () => {
  assert.equal(cacheFolder({ XDG_CACHE_HOME: '/var/cache/u' }), path.join('/var/cache/u', 'push-mirror'));
  assert.equal(cacheFolder({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'push-mirror'));
  assert.equal(cacheFolder({ XDG_CACHE_HOME: '/var/cache/u', NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
});

test('a bundle runs as require would run it; save() writes a private cache and drops other builds', () => {
  const bundle = path.join(dir, 'bundle.cjs');
  fs.writeFileSync(
    bundle,
    "exports.answer = 42; exports.file = __filename; exports.dir = __dirname; exports.os = require('node:os') === require('os');",
  );
  const home = path.join(dir, 'xdg');
  const folder = path.join(home, 'push-mirror');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(folder, 'cli-oldbuild-check-v0-x64.v8'), 'old', { mode: 0o600 });
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not ours to remove');
  const env = { XDG_CACHE_HOME: home };

  const first = loadWithCodeCache(bundle, { digest: 'abc', command: 'check', env });
  assert.deepEqual(first.exports, { answer: 42, file: bundle, dir, os: true });
  first.save();
  const name = `cli-abc-check-${process.version}-${process.arch}.v8`;
  assert.deepEqual(fs.readdirSync(folder).sort(), [name, 'notes.txt']);
  const cache = fs.statSync(path.join(folder, name));
  assert.equal(cache.mode & 0o777, 0o600);
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  // Whether V8 takes or refuses the cache shows only in a new process: test/integration/cli/code-cache.test.ts.
});

test('a cache that cannot be written costs nothing but time', () => {
  const bundle = path.join(dir, 'plain.cjs');
  fs.writeFileSync(bundle, 'exports.ok = true;');
  const notAFolder = path.join(dir, 'a-file');
  fs.writeFileSync(notAFolder, '');
  const loaded = loadWithCodeCache(bundle, { digest: 'x', command: 'check', env: { XDG_CACHE_HOME: notAFolder } });
  assert.doesNotThrow(() => loaded.save());
  assert.deepEqual(loaded.exports, { ok: true });
});
