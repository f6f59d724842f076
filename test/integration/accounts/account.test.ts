import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { planAccount, writeAccountSecret } from '../../../src/engine/accounts/account';
import { applyEdits } from '../../../src/engine/accounts/authUsers';
import { setFileMode } from '../../../src/engine/fsutil/atomic';
import { Rsyncd } from '../../support/rsyncd';

// A downstream's account made by the account engine, checked against the real rsync daemon on
// 127.0.0.1 (running as root, so strict modes also require a root-owned file): the new user lists
// and reads the module with the generated password; nothing else gets in. The daemon re-reads
// rsyncd.conf and the secrets file on every connection, so it is not restarted between steps.

let daemon: Rsyncd;
let dir: string;
let conf: string;
const logged: string[] = [];
const passwords: string[] = [];
const log = { info: (m: string) => logged.push(m) };

before(async () => {
  dir = Rsyncd.makeDir();
  fs.mkdirSync(path.join(dir, 'debian'));
  fs.writeFileSync(path.join(dir, 'debian', 'README'), 'mirror me\n');
  const started = await Rsyncd.start(
    [
      'use chroot = no',
      'uid = root',
      'gid = root',
      '[debian]',
      '  path = {{DIR}}/debian',
      '  comment = Debian archive',
      '  read only = true',
      '  auth users = upstream-admin',
      `  secrets file = {{DIR}}/debian.secrets`,
      '',
    ].join('\n'),
    dir,
  );
  assert.ok(started.daemon, started.startupFailure?.log);
  daemon = started.daemon;
  conf = daemon.configFile;
});
after(async () => {
  await daemon?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function addAccount(user: string): Promise<string> {
  const text = fs.readFileSync(conf, 'utf8');
  const plan = await planAccount({ confText: text, module: 'debian', user });
  passwords.push(plan.password);
  // The order the command keeps: secrets first, then rsyncd.conf.
  await writeAccountSecret(plan.secretsPath, user, plan.password, log);
  fs.writeFileSync(conf, applyEdits(text, plan.edits));
  return plan.password;
}

test('a new account lists and reads the module with its generated password', async () => {
  const password = await addAccount('mirror1');
  const secrets = path.join(dir, 'debian.secrets');
  assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
  assert.equal(fs.statSync(secrets).uid, 0);
  assert.match(fs.readFileSync(conf, 'utf8'), /^ {2}auth users = upstream-admin,mirror1$/m);

  const listing = await daemon.access('debian', { user: 'mirror1', password });
  assert.equal(listing.code, 0, listing.stderr + daemon.readLog());
  assert.match(listing.stdout, /README/);
  const dest = path.join(dir, 'copy');
  const read = await daemon.client([`rsync://mirror1@127.0.0.1:${daemon.port}/debian/README`, dest], password);
  assert.equal(read.code, 0, read.stderr);
  assert.equal(fs.readFileSync(dest, 'utf8'), 'mirror me\n');
  assert.doesNotMatch(daemon.readLog(), /other-accessible|ignoring secrets file|must be owned by root/);

  const wrong = await daemon.access('debian', { user: 'mirror1', password: `${password}x` });
  assert.notEqual(wrong.code, 0);
  assert.match(daemon.readLog(), /auth failed on module debian .* for mirror1: password mismatch/);
  const anonymous = await daemon.access('debian');
  assert.notEqual(anonymous.code, 0);
});

test('a second account is appended; both work; the first line keeps its bytes', async () => {
  const secrets = path.join(dir, 'debian.secrets');
  const before = fs.readFileSync(secrets);
  const password = await addAccount('mirror2');
  assert.deepEqual(fs.readFileSync(secrets).subarray(0, before.length), before);
  assert.match(fs.readFileSync(conf, 'utf8'), /auth users = upstream-admin,mirror1,mirror2$/m);
  for (const [user, pw] of [
    ['mirror1', passwords[0]],
    ['mirror2', password],
  ]) {
    const r = await daemon.access('debian', { user, password: pw });
    assert.equal(r.code, 0, `${user}: ${r.stderr}`);
  }
});

test('strict modes: a 0644 secrets file locks everyone out; the 0600 fix lets them back in', async () => {
  const secrets = path.join(dir, 'debian.secrets');
  fs.chmodSync(secrets, 0o644);
  const refused = await daemon.access('debian', { user: 'mirror1', password: passwords[0] });
  assert.notEqual(refused.code, 0);
  assert.match(daemon.readLog(), /secrets file must not be other-accessible/);
  assert.deepEqual(await setFileMode(secrets, 0o600), { before: 0o644, after: 0o600 });
  const ok = await daemon.access('debian', { user: 'mirror1', password: passwords[0] });
  assert.equal(ok.code, 0, ok.stderr);
});

// Issue 12, item 14: the append used to keep 0644, so the new password was world-readable and, with
// strict modes, nobody could log in. Now the append itself makes the file 0600 and everyone works.
test('appending to a 0644 secrets file makes it 0600: the new password is not world-readable and logins work', async () => {
  const secrets = path.join(dir, 'debian.secrets');
  fs.chmodSync(secrets, 0o644);
  const plan = await planAccount({ confText: fs.readFileSync(conf, 'utf8'), module: 'debian', user: 'mirror3' });
  assert.match(plan.warnings.join('\n'), /mode 0644, so others can read .*rewritten with mode 0600/);
  const password = await addAccount('mirror3');
  assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
  assert.equal(fs.statSync(secrets).uid, 0, 'the owner is kept: strict modes under a root daemon want root');
  for (const [user, pw] of [
    ['mirror1', passwords[0]],
    ['mirror3', password],
  ]) {
    const r = await daemon.access('debian', { user, password: pw });
    assert.equal(r.code, 0, `${user}: ${r.stderr}`);
  }
  assert.match(logged.join('\n'), /mode 0600, was 0644/);
});

test('no password in the log', () => {
  const all = logged.join('\n');
  assert.ok(logged.length >= 2);
  for (const p of passwords) assert.ok(!all.includes(p));
});
