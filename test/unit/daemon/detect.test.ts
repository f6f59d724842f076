// Which program starts the rsync daemon, read from fixture trees laid out like a Debian host.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { describeDaemonStart } from '../../../src/engine/daemon/describe';
import { detectDaemonStart, type DaemonStarter } from '../../../src/engine/daemon/detect';

const trees: string[] = [];
after(() => {
  for (const t of trees) fs.rmSync(t, { recursive: true, force: true });
});

/** A host tree: paths to text (files), `-> target` (symbolic links) or `{}` (directories). */
function host(files: Record<string, string | { link: string } | object>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-daemon-'));
  trees.push(root);
  for (const [p, content] of Object.entries(files)) {
    const full = path.join(root, p);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(full, content);
    else if ('link' in content) fs.symlinkSync((content as { link: string }).link, full);
    else fs.mkdirSync(full, { recursive: true });
  }
  return root;
}

const SERVICES = 'ssh\t\t22/tcp\nrsync\t\t873/tcp\n';
const SEED_LINE = 'rsync      stream      tcp         nowait      root /usr/bin/rsync rsyncd --daemon\n';
const RSYNC_SERVICE =
  '[Unit]\nDescription=fast remote file copy program daemon\nConditionPathExists=/etc/rsyncd.conf\n\n[Service]\nExecStart=/usr/bin/rsync --daemon --no-detach\n\n[Install]\nWantedBy=multi-user.target\n';
const DEBIAN = {
  '/etc/services': SERVICES,
  '/usr/bin/rsync': '',
  '/etc/rsyncd.conf': '[debian]\n  path = /srv/mirror/debian\n',
  '/lib/systemd/system/rsync.service': RSYNC_SERVICE,
  '/run/systemd/system': {},
};
const brief = (s: DaemonStarter) => [s.kind, s.active, s.config, s.port, s.line];

test("the seed's host: inetd starts it, rsync.service is installed but not enabled", () => {
  const root = host({
    ...DEBIAN,
    '/usr/sbin/inetd': '',
    '/lib/systemd/system/inetd.service': '[Service]\nExecStart=/usr/sbin/inetd\n',
    '/etc/systemd/system/multi-user.target.wants/inetd.service': { link: '/lib/systemd/system/inetd.service' },
    '/etc/inetd.conf': `# /etc/inetd.conf\n${SEED_LINE}`,
  });
  const report = detectDaemonStart(root);
  assert.deepEqual(report.starters.map(brief), [
    ['inetd', true, '/etc/rsyncd.conf', 873, 2],
    ['systemd-service', false, '/etc/rsyncd.conf', 873, 6],
  ]);
  assert.equal(report.starters[1].why, 'rsync.service is not enabled');
  const edited = describeDaemonStart(report, '/etc/rsyncd.conf', root);
  assert.equal(
    edited.headline,
    'inetd (/etc/inetd.conf, line 2) on port 873 starts the rsync daemon, which reads /etc/rsyncd.conf. That is the file you are editing.',
  );
  assert.equal(edited.readsEdited, true);
  const other = describeDaemonStart(report, '/srv/mirror/rsyncd.conf', root);
  assert.equal(other.readsEdited, false);
  assert.match(
    other.headline,
    /Not the file you are editing \(\/srv\/mirror\/rsyncd.conf\): changes there do not reach the daemon\.$/,
  );
});

test('inetd: a line turned off, a line without --daemon, a name /etc/services lacks, no inetd installed', () => {
  const root = host({
    ...DEBIAN,
    '/usr/sbin/inetd': '',
    '/etc/inetd.conf': `#<off># ${SEED_LINE}8730 stream tcp nowait root /usr/bin/rsync rsyncd --config=/etc/x.conf\nrsyncd stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n`,
  });
  const starters = detectDaemonStart(root).starters.filter((s) => s.kind === 'inetd');
  assert.deepEqual(
    starters.map((s) => [s.line, s.active, s.why]),
    [
      [2, false, 'the line runs rsync without `--daemon`'],
      [3, false, '`rsyncd` is not in /etc/services, so inetd skips the line'],
      [1, false, 'the line is turned off (`#<off>#`, update-inetd --disable)'],
    ],
  );
  const none = detectDaemonStart(host({ ...DEBIAN, '/etc/inetd.conf': SEED_LINE })).starters[0];
  assert.deepEqual([none.active, none.why], [false, 'no inetd is installed (openbsd-inetd or inetutils-inetd)']);
});

test('rsync.service enabled: active unless masked or its condition fails; drop-ins replace ExecStart', () => {
  const enabled = {
    ...DEBIAN,
    '/etc/systemd/system/multi-user.target.wants/rsync.service': { link: '/lib/systemd/system/rsync.service' },
  };
  assert.deepEqual(detectDaemonStart(host(enabled)).starters.map(brief), [
    ['systemd-service', true, '/etc/rsyncd.conf', 873, 6],
  ]);
  const { '/etc/rsyncd.conf': _conf, ...noConf } = enabled;
  const failed = detectDaemonStart(host(noConf)).starters[0];
  assert.deepEqual(
    [failed.active, failed.why],
    [false, 'rsync.service is enabled, but its condition `ConditionPathExists=/etc/rsyncd.conf` fails'],
  );
  const maskedReport = detectDaemonStart(
    host({ ...enabled, '/etc/systemd/system/rsync.service': { link: '/dev/null' } }),
  );
  const masked = maskedReport.starters[0];
  assert.deepEqual([masked.active, masked.why], [false, 'rsync.service is masked']);
  assert.equal(
    describeDaemonStart(maskedReport, '/etc/rsyncd.conf').headline,
    "Nothing on this host starts the rsync daemon now (systemd's rsync.service: rsync.service is masked).",
  );
  const dropIn = detectDaemonStart(
    host({
      ...enabled,
      '/etc/systemd/system/rsync.service.d/override.conf':
        '[Service]\nExecStart=\nExecStart=/usr/bin/rsync --daemon --no-detach --config=/srv/mirror/rsyncd.conf\n',
    }),
  ).starters[0];
  assert.deepEqual(brief(dropIn), ['systemd-service', true, '/srv/mirror/rsyncd.conf', 873, 3]);
  assert.equal(dropIn.file, '/etc/systemd/system/rsync.service.d/override.conf');
  const notBooted = { ...enabled } as Record<string, unknown>;
  delete notBooted['/run/systemd/system'];
  const container = detectDaemonStart(host(notBooted as typeof enabled)).starters[0];
  assert.deepEqual(
    [container.active, container.why],
    [false, 'this host does not run systemd (no /run/systemd/system)'],
  );
});

test('rsync.socket with Accept=yes runs rsync@.service per connection', () => {
  const report = detectDaemonStart(
    host({
      ...DEBIAN,
      '/lib/systemd/system/rsync.socket':
        '[Socket]\nListenStream=8873\nAccept=yes\n\n[Install]\nWantedBy=sockets.target\n',
      '/lib/systemd/system/rsync@.service':
        '[Service]\nExecStart=-/usr/bin/rsync --daemon --config /etc/rsyncd/socket.conf\nStandardInput=socket\n',
      '/etc/systemd/system/sockets.target.wants/rsync.socket': { link: '/lib/systemd/system/rsync.socket' },
    }),
  );
  const socket = report.starters.find((s) => s.kind === 'systemd-socket')!;
  assert.deepEqual(brief(socket), ['systemd-socket', true, '/etc/rsyncd/socket.conf', 8873, undefined]);
  assert.equal(socket.label, "systemd's rsync.socket");
});

test('xinetd: the rsync service unless disabled; files with a dot in their name are skipped', () => {
  const block = (disable: string) =>
    `service rsync\n{\n\tdisable\t= ${disable}\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/bin/rsync\n\tserver_args = --daemon --config /etc/rsyncd/xinetd.conf\n}\n`;
  const tree = {
    '/etc/services': SERVICES,
    '/usr/sbin/xinetd': '',
    '/etc/xinetd.conf': 'defaults\n{\n}\nincludedir /etc/xinetd.d\n',
    '/etc/xinetd.d/rsync': block('no'),
    '/etc/xinetd.d/rsync.dpkg-old': block('no').replace('service rsync', 'service rsync-old'),
  };
  assert.deepEqual(detectDaemonStart(host(tree)).starters.map(brief), [
    ['xinetd', true, '/etc/rsyncd/xinetd.conf', 873, 1],
  ]);
  const off = detectDaemonStart(host({ ...tree, '/etc/xinetd.d/rsync': block('yes') })).starters[0];
  assert.deepEqual([off.active, off.why], [false, 'the service is turned off (`disable = yes`)']);
  const defaults = detectDaemonStart(
    host({ ...tree, '/etc/xinetd.conf': 'defaults\n{\n\tdisabled = rsync\n}\nincludedir /etc/xinetd.d\n' }),
  ).starters[0];
  assert.equal(defaults.why, 'the service is turned off (`disabled = rsync` in /etc/xinetd.conf)');
});

test('the init script: RSYNC_ENABLE and RSYNC_CONFIG_FILE without systemd; shadowed by rsync.service with it', () => {
  const sysv = {
    '/etc/init.d/rsync': '#!/bin/sh\n',
    '/etc/default/rsync': "RSYNC_ENABLE=true\nRSYNC_CONFIG_FILE='/srv/mirror/rsyncd.conf'\n",
  };
  assert.deepEqual(detectDaemonStart(host(sysv)).starters.map(brief), [
    ['sysv-init', true, '/srv/mirror/rsyncd.conf', 873, undefined],
  ]);
  const report = detectDaemonStart(host({ ...DEBIAN, ...sysv }));
  const init = report.starters.find((s) => s.kind === 'sysv-init')!;
  assert.deepEqual([init.active, init.why], [false, 'systemd runs rsync.service instead of the init script']);
  assert.deepEqual(report.notes, [
    'RSYNC_CONFIG_FILE in /etc/default/rsync is read by the init script only; rsync.service does not read /etc/default/rsync.',
  ]);
});

test('two starters on port 873: a conflict note', () => {
  const report = detectDaemonStart(
    host({
      ...DEBIAN,
      '/usr/sbin/inetd': '',
      '/etc/inetd.conf': SEED_LINE,
      '/etc/systemd/system/multi-user.target.wants/rsync.service': { link: '/lib/systemd/system/rsync.service' },
    }),
  );
  assert.deepEqual(report.notes, [
    `inetd and systemd's rsync.service both want port 873: whichever starts first gets it, and the others fail with "Address already in use".`,
  ]);
  assert.match(
    describeDaemonStart(report).headline,
    /^inetd \(\/etc\/inetd.conf, line 1\) on port 873 and systemd's rsync.service .* start the rsync daemon/,
  );
});

test('a config reached through a symbolic link is the same file', () => {
  const root = host({
    ...DEBIAN,
    '/usr/sbin/inetd': '',
    '/etc/inetd.conf': SEED_LINE,
    '/srv/mirror/rsyncd.conf': '[debian]\n',
    '/etc/rsyncd.conf': { link: '/srv/mirror/rsyncd.conf' },
  });
  fs.rmSync(path.join(root, 'etc/rsyncd.conf'));
  fs.symlinkSync(path.join(root, 'srv/mirror/rsyncd.conf'), path.join(root, 'etc/rsyncd.conf'));
  assert.equal(describeDaemonStart(detectDaemonStart(root), '/srv/mirror/rsyncd.conf', root).readsEdited, true);
});

test('an empty host: nothing starts the daemon, and the headline says where it looked', () => {
  const summary = describeDaemonStart(detectDaemonStart(host({ '/etc/services': SERVICES })), '/etc/rsyncd.conf');
  assert.equal(
    summary.headline,
    'Nothing on this host starts the rsync daemon: no inetd or xinetd line, no rsync.service or rsync.socket, no init script.',
  );
  assert.equal(summary.readsEdited, undefined);
});
