import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { FileFacts, HostAccess } from '../../../server/src/core/types';

// With `daemon chroot`, the daemon reads the config, then chroots before opening a module's files
// (clientserver.c): `path`, `secrets file`, `lock file`, `exclude from` and `temp dir` live under the
// chroot, the `pid file` and `&include` files do not. Daemon evidence: case daemon-chroot-paths.

function host(files: Record<string, Partial<FileFacts>>): HostAccess {
  return {
    stat: (p) => (files[p] ? { exists: true, isDirectory: false, ...files[p] } : { exists: false, isDirectory: false }),
    readDir: () => [],
    readText: () => undefined,
    homeDir: '/root',
    uid: 0,
  };
}

const text =
  'daemon chroot = /srv/jail\npid file = /run/rsyncd.pid\nmax connections = 4\n[m]\npath = /data\nlock file = /lock/rsyncd.lock\nauth users = joe\nsecrets file = /etc/secrets\n';
const codes = (files: Record<string, Partial<FileFacts>>) =>
  rsyncdService
    .validate(text, { host: host(files) })
    .map((p) => `${p.code.replace('rsyncd/', '')} ${text.slice(p.start, p.end)}`);

test('module files are looked for under the daemon chroot', () => {
  const inside = {
    '/srv/jail': { isDirectory: true },
    '/run': { isDirectory: true },
    '/srv/jail/data': { isDirectory: true },
    '/srv/jail/lock': { isDirectory: true },
    '/srv/jail/etc/secrets': { mode: 0o600, uid: 0 },
  };
  assert.deepEqual(codes(inside), []);
});

test('a module file outside the chroot is missing, whatever exists at the same path outside it', () => {
  const outside = {
    '/srv/jail': { isDirectory: true },
    '/run': { isDirectory: true },
    '/data': { isDirectory: true },
    '/lock': { isDirectory: true },
    '/etc/secrets': { mode: 0o600, uid: 0 },
  };
  assert.deepEqual(codes(outside), [
    'file-not-found /data',
    'file-not-found /lock/rsyncd.lock',
    'file-not-found /etc/secrets',
  ]);
  const message = rsyncdService.validate(text, { host: host(outside) })[0].message;
  assert.match(
    message,
    /`\/srv\/jail\/data` does not exist on this machine \(the daemon opens it inside its `daemon chroot` `\/srv\/jail`\)/,
  );
});

test('the secrets file modes are checked inside the chroot', () => {
  const files = {
    '/srv/jail': { isDirectory: true },
    '/run': { isDirectory: true },
    '/srv/jail/data': { isDirectory: true },
    '/srv/jail/lock': { isDirectory: true },
    '/srv/jail/etc/secrets': { mode: 0o644, uid: 0 },
  };
  assert.deepEqual(codes(files), ['secrets-file-permissions /etc/secrets']);
});
