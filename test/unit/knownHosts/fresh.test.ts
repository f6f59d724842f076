import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';

// Issue 12, item 1: a KnownHosts kept for days (the extension's window, a long CLI run) judges every
// key against the files as they are at that moment: edits by ssh-keygen -R, by an editor in place,
// files that appear, disappear or are not regular files. Real files and the real ssh-keygen.

let dir: string;
const keys: { line: string; blob: Buffer }[] = [];
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-kh-fresh-'));
  for (const i of [0, 1]) {
    const f = path.join(dir, `k${i}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f]);
    const [t, b64] = fs.readFileSync(`${f}.pub`, 'utf8').split(' ');
    keys.push({ line: `${t} ${b64}`, blob: Buffer.from(b64, 'base64') });
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOST = '[127.0.1.2]:40022';

test('ssh-keygen -R and an appended key are seen at the next verify, both ways, with the line numbers of now', () => {
  const file = path.join(dir, 'keygen');
  fs.writeFileSync(file, `${HOST} ${keys[0].line}\n`);
  const kh = new KnownHosts([file]);
  assert.equal(kh.verify('127.0.1.2', 40022, keys[0].blob).status, 'trusted');
  execFileSync('ssh-keygen', ['-R', HOST, '-f', file], { stdio: 'ignore' });
  fs.appendFileSync(file, `# replaced\n${HOST} ${keys[1].line}\n`);
  const changed = kh.verify('127.0.1.2', 40022, keys[0].blob);
  assert.equal(changed.status, 'changed');
  assert.deepEqual(
    changed.known?.map((k) => k.line),
    [2],
  );
  execFileSync('ssh-keygen', ['-R', HOST, '-f', file], { stdio: 'ignore' });
  fs.appendFileSync(file, `${HOST} ${keys[0].line}\n`);
  const back = kh.verify('127.0.1.2', 40022, keys[0].blob);
  assert.equal(back.status, 'trusted');
  assert.equal(back.entry?.line, 2);
});

test('an in-place edit of the same size right after a read is seen (no stale copy within the clock tick)', () => {
  const file = path.join(dir, 'in-place');
  fs.writeFileSync(file, `${HOST} ${keys[0].line}\n`);
  const kh = new KnownHosts([file]);
  assert.equal(kh.verify('127.0.1.2', 40022, keys[0].blob).status, 'trusted');
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, `${HOST} ${keys[1].line}\n`, 0); // same inode, same length
  fs.closeSync(fd);
  assert.equal(kh.verify('127.0.1.2', 40022, keys[0].blob).status, 'changed');
});

test('a same-size edit whose mtime was put back is still seen (ctime), long after the last read', () => {
  const file = path.join(dir, 'old');
  fs.writeFileSync(file, `${HOST} ${keys[0].line}\n`);
  const past = new Date(Date.now() - 3600_000);
  fs.utimesSync(file, past, past);
  const kh = new KnownHosts([file]);
  assert.equal(kh.verify('127.0.1.2', 40022, keys[0].blob).status, 'trusted');
  fs.writeFileSync(file, `${HOST} ${keys[1].line}\n`);
  fs.utimesSync(file, past, past);
  assert.equal(kh.verify('127.0.1.2', 40022, keys[0].blob).status, 'changed');
});

test('files that appear and disappear count from that moment; two objects on one file agree', () => {
  const file = path.join(dir, 'appears');
  const a = new KnownHosts([path.join(dir, 'missing'), file]);
  assert.equal(a.verify('127.0.1.2', 40022, keys[0].blob).status, 'unknown');
  fs.writeFileSync(file, `${HOST} ${keys[0].line}\n`);
  const b = new KnownHosts([file]);
  assert.equal(a.verify('127.0.1.2', 40022, keys[0].blob).status, 'trusted');
  assert.equal(b.verify('127.0.1.2', 40022, keys[0].blob).status, 'trusted');
  fs.rmSync(file);
  assert.equal(a.verify('127.0.1.2', 40022, keys[0].blob).status, 'unknown');
  assert.deepEqual(a.knownKeyTypes('127.0.1.2', 40022), []);
});

test('a FIFO or a directory as known_hosts is not read (never a hang) and is named in the unknown verdict', () => {
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const kh = new KnownHosts([fifo, dir]);
  const v = kh.verify('127.0.1.2', 40022, keys[0].blob);
  assert.equal(v.status, 'unknown');
  assert.deepEqual(v.unreadable, [
    `${fifo} is a FIFO (named pipe), not a regular file; it was not read`,
    `${dir} is a directory`,
  ]);
});
