import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { CheckContext, FileFacts, HostAccess } from '../../../server/src/core/types';

const problems = (text: string, ctx: CheckContext = {}) => rsyncdService.validate(text, ctx);
const codes = (text: string, ctx?: CheckContext) => problems(text, ctx).map((p) => p.code.replace('rsyncd/', ''));
const apply = (text: string, edits: { start: number; end: number; newText: string }[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);

test('a clean push-mirror config has no problems', () => {
  const text =
    "uid = nobody\ngid = nogroup\nuse chroot = yes\nmax connections = 10\nlock file = /run/rsyncd.lock\nsocket options = SO_KEEPALIVE\n\n[debian]\n  path = /srv/mirror/debian\n  comment = Debian archive\n  read only = yes\n  hosts allow = 192.0.2.0/24 2001:db8::/32\n  refuse options = delete checksum\n  log format = %t %a %m %f %'l\n  auth digest = sha512\n";
  assert.deepEqual(problems(text), []);
});

test('bad booleans: on/off/y are rejected, with a fix to yes/no', () => {
  const text = '[m]\npath = /x\nlist = on\n';
  const [p] = problems(text);
  assert.equal(p.code, 'rsyncd/bad-boolean');
  assert.equal(apply(text, p.fixes![0].edits), '[m]\npath = /x\nlist = yes\n');
  assert.deepEqual(codes('[m]\npath = /x\nlist = unset\nuse chroot = -1\n'), ['bad-boolean']);
});

test('integers say what rsync will use', () => {
  const [p] = problems('max connections = lots\n');
  assert.match(p.message, /uses 0 .*no limit/);
  assert.match(problems('timeout = 10m\n')[0].message, /timeout = 10/);
  assert.deepEqual(codes('[m]\npath=/x\nmax connections = -1\n'), ['negative-max-connections']);
});

test('global-only parameters in a module: fix moves them above the first module', () => {
  const text = '[m]\npath = /x\nport = 8873\n';
  const [p] = problems(text);
  assert.equal(p.code, 'rsyncd/global-parameter-in-module');
  assert.equal(apply(text, p.fixes![0].edits), 'port = 8873\n[m]\npath = /x\n');
});

test('refuse options: commas are fixed to spaces, unknown names get suggestions', () => {
  const text = '[m]\npath = /x\nrefuse options = delete,checksum\n';
  const [p] = problems(text);
  assert.equal(apply(text, p.fixes![0].edits), '[m]\npath = /x\nrefuse options = delete checksum\n');
  assert.deepEqual(codes('[m]\npath = /x\nrefuse options = delete* !c a D archive no-D [zc]\n'), []);
  assert.deepEqual(codes('[m]\npath = /x\nrefuse options = zzz*\n'), ['unknown-refuse-option']);
  assert.match(problems('[m]\npath = /x\nrefuse options = checksumm\n')[0].message, /did you mean `checksum`/);
});

test('auth users: comma-mode space trap, ignored suffixes, empty list', () => {
  const base = '[m]\npath = /x\nsecrets file = /s\n';
  assert.deepEqual(codes(base + 'auth users = , joe : ro, @Some Group:deny\n'), ['auth-users-syntax']);
  assert.deepEqual(codes(base + 'auth users = joe:ro @staff:rw ann:deny bob:DENY\n'), []);
  assert.match(problems(base + 'auth users = bob:write\n')[0].message, /ignores the suffix/);
  assert.deepEqual(codes('[m]\npath = /x\nauth users = joe\n'), ['auth-without-secrets-file']);
});

test('hosts entries: masks, addresses, host names', () => {
  const base = '[m]\npath = /x\nhosts allow = ';
  assert.deepEqual(
    codes(
      base + '127.0.0.1/33 10.0.0.0/255.255.0.0 ::1/129 300.1.1.1 mirror.example.org *.example.org @net fe80::1%eth0\n',
    ),
    ['bad-host-entry', 'bad-host-entry', 'bad-host-entry'],
  );
});

test('log format, auth digest, syslog facility, socket options', () => {
  assert.deepEqual(codes("[m]\npath = /x\nlog format = %o %'-10l %q\n"), ['bad-log-format']);
  assert.equal(problems('[m]\npath = /x\nauth digest = sha-256\n')[0].fixes![0].edits[0].newText, 'sha256');
  assert.deepEqual(codes('syslog facility = LOCAL5\n'), []);
  assert.deepEqual(codes('syslog facility = 3\n'), []);
  assert.deepEqual(codes('socket options = so_keepalive IPTOS_LOWDELAY=1 SO_SNDBUF=1\n'), [
    'bad-socket-option',
    'bad-socket-option',
  ]);
});

test('structure: headers, `=` lines, lines without `=`, directives, BOM, duplicates', () => {
  assert.deepEqual(codes('[m\n'), ['broken-header']);
  assert.deepEqual(codes('= v\n'), ['empty-parameter-name']);
  assert.match(problems('= v\n')[0].message, /refuses to start/);
  assert.deepEqual(codes('read only\n'), ['line-without-equals']);
  assert.deepEqual(codes('&includ /x\n'), ['unknown-directive']);
  assert.deepEqual(codes('&include=\n'), ['include-problem']);
  assert.deepEqual(codes('\uFEFF[m]\npath = /x\n'), ['byte-order-mark']);
  assert.deepEqual(codes('[m]\npath = /x\n[ M ]\n'), ['duplicate-module']);
  assert.deepEqual(codes('[m]\nlist = no\n'), ['missing-path']);
});

test('values: quotes, trailing comments, %% and %lowercase%', () => {
  assert.deepEqual(codes('[m]\npath = "/x"\n'), ['quoted-value']);
  const text = '[m]\n  path = /x # data\n';
  const [p] = problems(text);
  assert.equal(p.code, 'rsyncd/comment-in-value');
  assert.equal(apply(text, p.fixes![0].edits), '[m]\n  # data\n  path = /x\n');
  assert.deepEqual(codes('[m]\npath = /x\ncomment = 100%%\n'), ['percent-expansion']);
  assert.deepEqual(codes('[m]\npath = /home/%RSYNC_USER_NAME%\n'), []);
  assert.deepEqual(codes('[m]\npath = /home/%user%\n'), ['percent-expansion']);
});

test('security: writable without auth, root uid, no chroot, strict modes off', () => {
  assert.deepEqual(codes('[m]\npath = /x\nread only = no\n'), ['writable-without-auth']);
  assert.deepEqual(
    codes('uid = root\nuse chroot = no\n[m]\npath = /x\nread only = no\nauth users = a\nsecrets file = /s\n'),
    ['root-writable', 'root-writable'],
  );
  // Only where a module with `auth users` reads a secrets file under it (as set globally by Debian's own mirrors).
  assert.deepEqual(codes('strict modes = false\n'), []);
  assert.deepEqual(codes('strict modes = false\n[pub]\npath = /x\n'), []);
  assert.deepEqual(
    codes('strict modes = false\n[pub]\npath = /x\n[priv]\npath = /y\nauth users = a\nsecrets file = /s\n'),
    ['strict-modes-off'],
  );
  assert.deepEqual(
    codes('[pub]\npath = /x\nstrict modes = no\n[priv]\npath = /y\nauth users = a\nsecrets file = /s\n'),
    [],
  );
  assert.deepEqual(codes('proxy protocol = yes\n'), ['proxy-protocol-without-hosts']);
});

/** A fake machine: paths map to facts. */
function fakeHost(files: Record<string, Partial<FileFacts>>, uid = 0): HostAccess {
  return {
    stat: (p) => (files[p] ? { exists: true, isDirectory: false, ...files[p] } : { exists: false, isDirectory: false }),
    readDir: () => [],
    readText: () => undefined,
    homeDir: '/root',
    uid,
  };
}

test('file system checks are warnings "on this machine" and only run with a host', () => {
  const text =
    'pid file = /run/x/rsyncd.pid\n&include /etc/rsyncd.d/a.conf\n[m]\npath = /srv/m\nauth users = joe\nsecrets file = /etc/rsyncd.secrets\n';
  assert.deepEqual(problems(text), []);
  const host = fakeHost({ '/srv/m': { isDirectory: true }, '/etc/rsyncd.secrets': { mode: 0o644, uid: 1000 } });
  const found = problems(text, { host });
  assert.deepEqual(
    found.map((p) => p.code.replace('rsyncd/', '')),
    ['file-not-found', 'include-not-found', 'secrets-file-permissions', 'secrets-file-permissions'],
  );
  assert.ok(found.every((p) => p.severity === 'warning' && /this machine/.test(p.message)));
  const mode = found.find((p) => p.fixes?.[0]?.command)!;
  assert.deepEqual(mode.fixes![0].command, {
    id: 'pushMirror.setFileMode',
    title: 'Set the secrets file to 0600',
    arguments: ['/etc/rsyncd.secrets', 0o600],
  });
  assert.deepEqual(mode.fixes![0].edits, []);
  // strict modes off: no mode check.
  assert.deepEqual(
    codes(text.replace('[m]', '[m]\nstrict modes = no'), { host }).filter((c) => c === 'secrets-file-permissions'),
    [],
  );
});

test('startup-only parameters after the first header, [global] included, are reported with a move fix', () => {
  const text =
    'uid = nobody\n[global]\n    port = 8873\n    timeout = 600\n[pub]\n    path = /srv\n[global]\n    pid file = /run/rsyncd.pid\n';
  const problems = rsyncdService.validate(text, {}).filter((p) => p.code === 'rsyncd/startup-parameter-after-header');
  assert.deepEqual(
    problems.map((p) => text.slice(p.start, p.end)),
    ['port', 'pid file'],
  );
  assert.match(problems[0].message, /stops at the first header \(`\[global\]`\)/);
  const fix = problems[0].fixes![0];
  let fixed = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start))
    fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
  assert.equal(
    fixed,
    'uid = nobody\nport = 8873\n[global]\n    timeout = 600\n[pub]\n    path = /srv\n[global]\n    pid file = /run/rsyncd.pid\n',
  );
  // Above the first header the daemon reads them: nothing to report.
  assert.deepEqual(
    rsyncdService
      .validate('port = 8873\npid file = /run/rsyncd.pid\n[pub]\n    path = /srv\n', {})
      .filter((p) => p.code === 'rsyncd/startup-parameter-after-header'),
    [],
  );
});

test('unknown-user-or-group: names missing from this machine, group lists, numbers, `*`, %VAR%, daemon chroot', () => {
  const files: Record<string, string> = {
    '/etc/passwd': 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\nnogroup:x:65534:\nmirror:x:1001:\n',
  };
  const host: HostAccess = {
    stat: () => ({ exists: true, isDirectory: true }),
    readDir: () => [],
    readText: (p) => files[p],
    homeDir: '/root',
    uid: 0,
  };
  const codes = (text: string) =>
    rsyncdService
      .validate(text, { host })
      .filter((p) => p.code === 'rsyncd/unknown-user-or-group')
      .map((p) => text.slice(p.start, p.end));
  assert.deepEqual(
    codes('uid = nobody\ngid = nobody\n[m]\n    path = /srv\n    uid = rsync\n    gid = mirror, staff 1001\n'),
    ['nobody', 'rsync', 'staff'],
  );
  assert.deepEqual(
    codes('gid = * nogroup\n[m]\n    path = /srv\n    uid = 33\n    gid = ,no group\n    daemon uid = x\n'),
    ['no group'],
  );
  assert.deepEqual(codes('[m]\n    path = /srv\n    uid = %RSYNC_USER_NAME%\n'), []);
  assert.deepEqual(codes('daemon chroot = /jail\n[m]\n    path = /srv\n    uid = rsync\n'), []);
  const fix = rsyncdService.validate('gid = nobody\n', { host }).find((p) => p.code === 'rsyncd/unknown-user-or-group')
    ?.fixes?.[0];
  assert.deepEqual(fix?.edits, [{ start: 6, end: 12, newText: 'nogroup' }]);
  // Without this machine's files nothing is said.
  assert.deepEqual(
    rsyncdService.validate('uid = rsync\n', {}).filter((p) => p.code === 'rsyncd/unknown-user-or-group'),
    [],
  );
});
