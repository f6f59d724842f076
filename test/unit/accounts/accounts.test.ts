import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { planAccount, writeAccountSecret } from '../../../src/engine/accounts/account';
import { addToAuthUsers, applyEdits, parseAuthUsers, planModuleAuth } from '../../../src/engine/accounts/authUsers';
import {
  appendSecret,
  ftpsyncConfLines,
  generatePassword,
  secretsUsers,
  validateUserName,
} from '../../../src/engine/accounts/secrets';
import { replaceFile, setFileMode, SymlinkRefusedError } from '../../../src/engine/fsutil/atomic';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-accounts-unit-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const mode = (f: string) => fs.statSync(f).mode & 0o777;

test('passwords: ≥ 24 characters from a letters-and-digits alphabet, all different', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = generatePassword();
    assert.match(p, /^[A-Za-z2-9]{32}$/);
    seen.add(p);
  }
  assert.equal(seen.size, 200);
  assert.throws(() => generatePassword(8), RangeError);
  assert.equal(generatePassword(40).length, 40);
});

test('user names: no separators, groups, comments or wildcards', () => {
  assert.equal(validateUserName('mirror-de.1_x'), undefined);
  for (const bad of ['', 'a b', 'a,b', 'a:b', '@grp', '#x', 'a*', '-x', 'x'.repeat(65)])
    assert.ok(validateUserName(bad), bad);
});

test('appendSecret keeps the bytes and adds a newline only when missing', () => {
  assert.equal(appendSecret(undefined, 'joe', 'pw').toString(), 'joe:pw\n');
  assert.equal(appendSecret(Buffer.from(''), 'joe', 'pw').toString(), 'joe:pw\n');
  assert.equal(appendSecret(Buffer.from('# c\r\na:1\r\n'), 'joe', 'pw').toString(), '# c\r\na:1\r\njoe:pw\n');
  assert.equal(appendSecret(Buffer.from('a:1'), 'joe', 'pw').toString(), 'a:1\njoe:pw\n');
  const latin1 = Buffer.from([0x61, 0x3a, 0xe9, 0x0a]);
  assert.deepEqual(appendSecret(latin1, 'joe', 'pw').subarray(0, 4), latin1);
  assert.deepEqual([...secretsUsers('a:1\n#b:2\n c:3\nd\n@g:4\n')], ['a', ' c', '@g']);
});

test('auth users: the separator style is kept', () => {
  const add = (v: string, u = 'new') => addToAuthUsers(v, u).change.value;
  assert.equal(add('a,b,c'), 'a,b,c,new');
  assert.equal(add('a, b'), 'a, b, new');
  assert.equal(add('a b'), 'a b new');
  assert.equal(add('a'), 'a,new');
  assert.equal(add(''), 'new');
  assert.equal(add(', @Some Group:deny, admin:rw'), ', @Some Group:deny, admin:rw, new');
  assert.equal(add(',a,b'), ',a,b,new');
  assert.equal(add(','), ', new');
  assert.throws(() => addToAuthUsers('a, new:ro', 'new'), RangeError);
});

test('auth users: a rule that already matches the user makes the new one go first', () => {
  const r = addToAuthUsers('admin:rw, *:deny', 'mirror1');
  assert.equal(r.change.value, 'mirror1, admin:rw, *:deny');
  assert.equal(r.change.position, 'first');
  assert.deepEqual(r.change.shadowedBy, { pattern: '*', access: 'deny' });
  assert.equal(addToAuthUsers(', mirror?:deny', 'mirror1').change.value, ', mirror1, mirror?:deny');
  assert.equal(addToAuthUsers('@staff', 'joe').change.position, 'last');
  assert.deepEqual(parseAuthUsers('a:RO b:Deny c:x'), [
    { pattern: 'a', access: 'ro' },
    { pattern: 'b', access: 'deny' },
    { pattern: 'c' },
  ]);
});

test('rsyncd.conf plan: edits only the auth users value, across continuation lines', () => {
  const conf =
    '# top\n[debian]\n\tpath = /srv/debian\n\tauth users = a, \\\n\t  b\n\tsecrets file = /etc/rsyncd/debian.secrets\n\n[other]\n  path = /x\n';
  const plan = planModuleAuth(conf, 'debian', 'mirror1');
  assert.equal(applyEdits(conf, plan.edits), conf.replace('\t  b\n', '\t  b, mirror1\n'));
  assert.equal(plan.secretsFile, '/etc/rsyncd/debian.secrets');
  assert.equal(plan.becomesRestricted, false);
});

test('rsyncd.conf plan: a module without auth users or secrets file gets both lines, indented like it', () => {
  const conf = '[pub]\n    path = /srv/pub\n    read only = yes\n[next]\n';
  const plan = planModuleAuth(conf, 'pub', 'joe', '/etc/rsyncd/pub.secrets');
  assert.equal(
    applyEdits(conf, plan.edits),
    '[pub]\n    path = /srv/pub\n    read only = yes\n    auth users = joe\n    secrets file = /etc/rsyncd/pub.secrets\n[next]\n',
  );
  assert.equal(plan.becomesRestricted, true);
  assert.equal(plan.addsSecretsFile, true);
  const noEol = planModuleAuth('[m]\npath = /m', 'm', 'joe', '/s');
  assert.equal(applyEdits('[m]\npath = /m', noEol.edits), '[m]\npath = /m\nauth users = joe\nsecrets file = /s');
  assert.throws(() => planModuleAuth(conf, 'pub', 'joe'), /no secrets file/);
  assert.throws(() => planModuleAuth(conf, 'nope', 'joe', '/s'), /no module/);
});

test('rsyncd.conf plan: global auth users are copied into the module line', () => {
  const conf = 'auth users = admin\nsecrets file = /etc/s\n[m]\n  path = /m\n';
  const plan = planModuleAuth(conf, 'm', 'joe');
  assert.equal(
    applyEdits(conf, plan.edits),
    'auth users = admin\nsecrets file = /etc/s\n[m]\n  path = /m\n  auth users = admin,joe\n',
  );
  assert.equal(plan.copiedFromGlobal, true);
});

test('planAccount + writeAccountSecret: creates 0600, appends keeping bytes, refuses duplicates', async () => {
  const secrets = path.join(dir, 'debian.secrets');
  const conf = `[debian]\n  path = /srv\n  auth users = a\n  secrets file = ${secrets}\n`;
  const plan = await planAccount({ confText: conf, module: 'debian', user: 'm1' });
  assert.equal(plan.secretsMode, undefined);
  assert.match(plan.password, /^[A-Za-z2-9]{32}$/);
  const logged: string[] = [];
  await writeAccountSecret(secrets, 'm1', plan.password, { info: (m) => logged.push(m) });
  assert.equal(mode(secrets), 0o600);
  assert.equal(fs.readFileSync(secrets, 'utf8'), `m1:${plan.password}\n`);
  fs.appendFileSync(secrets, '# no newline at end');
  fs.chmodSync(secrets, 0o400);
  const plan2 = await planAccount({ confText: conf, module: 'debian', user: 'm2' });
  assert.equal(plan2.secretsNewMode, 0o400);
  await writeAccountSecret(secrets, 'm2', plan2.password, { info: (m) => logged.push(m) });
  assert.equal(fs.readFileSync(secrets, 'utf8'), `m1:${plan.password}\n# no newline at end\nm2:${plan2.password}\n`);
  assert.equal(mode(secrets), 0o400, 'an owner-only mode is kept');
  fs.chmodSync(secrets, 0o600);
  await assert.rejects(planAccount({ confText: conf, module: 'debian', user: 'm1' }), /already has a line/);
  await assert.rejects(writeAccountSecret(secrets, 'm2', 'x'), /already has a line/);
  fs.chmodSync(secrets, 0o644);
  const plan3 = await planAccount({ confText: conf, module: 'debian', user: 'm3' });
  assert.match(plan3.warnings.join('\n'), /mode 0644.*0600/);
  const text = logged.join('\n');
  assert.ok(!text.includes(plan.password) && !text.includes(plan2.password), 'no password in the log');
  assert.deepEqual(
    fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
    [],
  );
});

// Issue 12, item 14: appending to a 0644 secrets file left the new password world-readable.
test('appending to a group- or world-readable secrets file rewrites it owner-only', async () => {
  for (const before of [0o644, 0o640, 0o604]) {
    const secrets = path.join(dir, `open-${before.toString(8)}.secrets`);
    fs.writeFileSync(secrets, 'old:pw\n');
    fs.chmodSync(secrets, before);
    const conf = `[debian]\n  path = /srv\n  auth users = old\n  secrets file = ${secrets}\n`;
    const plan = await planAccount({ confText: conf, module: 'debian', user: 'new' });
    assert.equal(plan.secretsMode, before);
    assert.equal(plan.secretsNewMode, 0o600);
    assert.match(plan.warnings.join('\n'), new RegExp(`mode 0${before.toString(8)}, so others can read.*mode 0600`));
    const logged: string[] = [];
    const result = await writeAccountSecret(secrets, 'new', plan.password, { info: (m) => logged.push(m) });
    assert.equal(mode(secrets), 0o600, `was 0${before.toString(8)}`);
    assert.deepEqual({ mode: result.mode, previousMode: result.previousMode }, { mode: 0o600, previousMode: before });
    assert.equal(fs.readFileSync(secrets, 'utf8'), `old:pw\nnew:${plan.password}\n`);
    assert.match(logged.join('\n'), /mode 0600, was 06[04]4|mode 0600, was 0640/);
  }
});

test('replaceFile rewrites a symlink target, not the link', async () => {
  const real = path.join(dir, 'real.secrets');
  const link = path.join(dir, 'link.secrets');
  fs.writeFileSync(real, 'a:1\n', { mode: 0o600 });
  fs.symlinkSync(real, link);
  await replaceFile(link, { createMode: 0o600, update: (c) => Buffer.concat([c!, Buffer.from('b:2\n')]) });
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(fs.readFileSync(real, 'utf8'), 'a:1\nb:2\n');
});

test('setFileMode: sets the mode, refuses symlinks and directories', async () => {
  const f = path.join(dir, 'open.secrets');
  fs.writeFileSync(f, 'a:1\n', { mode: 0o644 });
  fs.chmodSync(f, 0o644);
  assert.deepEqual(await setFileMode(f, 0o600), { before: 0o644, after: 0o600 });
  assert.equal(mode(f), 0o600);
  const l = path.join(dir, 'open.link');
  fs.symlinkSync(f, l);
  fs.chmodSync(f, 0o644);
  await assert.rejects(setFileMode(l, 0o600), SymlinkRefusedError);
  assert.equal(mode(f), 0o644, 'the target was not changed through the link');
  await assert.rejects(setFileMode(dir, 0o600), /not a regular file/);
});

test('ftpsync.conf lines for the downstream', () => {
  assert.equal(
    ftpsyncConfLines({ host: 'up.example.org', module: 'debian', user: 'm1', password: 'P' }),
    'RSYNC_HOST=up.example.org\nRSYNC_PATH=debian\nRSYNC_USER=m1\nRSYNC_PASSWORD=P',
  );
});
