import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { Rsyncd } from '../support/rsyncd';
import { generateKey, Sshd } from '../support/sshd';

// The shared harnesses themselves: each later integration test relies on these behaving like the real daemons.

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

test('private sshd: a restrict,command= key runs only the forced command and sees SSH_ORIGINAL_COMMAND', async () => {
  const sshd = await Sshd.start();
  cleanups.push(() => sshd.dispose());
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-keys-'));
  cleanups.push(() => fs.rmSync(keys, { recursive: true, force: true }));
  const key = await generateKey(keys, 'trigger');
  sshd.writeAuthorizedKeys(`restrict,command="echo forced:$SSH_ORIGINAL_COMMAND" ${key.line}\n`);
  const r = await sshd.ssh(key.privateKey, ['sync:all']);
  assert.equal(r.code, 0, r.stderr + sshd.log.slice(-2000));
  assert.equal(r.stdout.trim(), 'forced:sync:all');
  const other = await generateKey(keys, 'stranger');
  const refused = await sshd.ssh(other.privateKey, ['true']);
  assert.equal(refused.code, 255);
  assert.match(refused.stderr, /Permission denied \(publickey\)/);
});

test('rsync daemon: serves a module, and a fatal global error stops startup', async () => {
  const { daemon } = await Rsyncd.start('use chroot = no\n[pub]\n  path = {{DIR}}\n  comment = public files\n');
  assert.ok(daemon);
  cleanups.push(() => daemon.dispose());
  const list = await daemon.list();
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^pub\s+public files$/m);
  const access = await daemon.access('pub');
  assert.equal(access.code, 0, access.stderr);
  const broken = await Rsyncd.start('= value\n[pub]\n  path = /tmp\n');
  assert.equal(broken.daemon, undefined);
  assert.equal(broken.startupFailure?.code, 1);
  // The scratch directory it made for the broken config is gone again.
  assert.ok(!fs.existsSync(broken.startupFailure!.dir), broken.startupFailure!.dir);
});
