import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { findFtpsyncConfigs, loadArchiveStatuses, readFtpsyncConfig } from '../../../src/engine/logs/ftpsync';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-ftpsync-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('ftpsync defaults apply when the config is silent (Debian package layout)', () => {
  const a = readFtpsyncConfig('/home/m/.config/ftpsync/ftpsync.conf', 'RSYNC_HOST=ftp.example.org\n', '/home/m');
  assert.deepEqual(
    { archive: a.archive, to: a.to, mirrorName: a.mirrorName, logs: a.logs },
    {
      archive: 'default',
      to: '/srv/mirrors/debian/',
      mirrorName: undefined,
      logs: {
        ftpsync: '/home/m/.local/log/ftpsync/ftpsync.log',
        rsync: '/home/m/.local/log/ftpsync/rsync-ftpsync.log',
        rsyncError: '/home/m/.local/log/ftpsync/rsync-ftpsync.error',
      },
    },
  );
});

test('an archive config names its logs after the archive; TO, MIRRORNAME and LOGDIR come from the file', () => {
  const text = 'MIRRORNAME="mirror.example.org"\nTO=/srv/mirrors/debian-security\nLOGDIR=${HOME}/log\n';
  const a = readFtpsyncConfig('/etc/ftpsync/ftpsync-security.conf', text, '/home/m');
  assert.equal(a.archive, 'security');
  assert.equal(a.mirrorName, 'mirror.example.org');
  assert.equal(a.to, '/srv/mirrors/debian-security');
  assert.equal(a.logs.ftpsync, '/home/m/log/ftpsync-security.log');
  assert.equal(a.logs.rsyncError, '/home/m/log/rsync-ftpsync-security.error');
});

test('configs are found in ftpsync search order; the first directory with a file wins', async () => {
  const first = path.join(dir, 'user');
  const second = path.join(dir, 'etc');
  const to = path.join(dir, 'archive');
  for (const d of [first, second, to]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(first, 'ftpsync.conf'), `TO=${to}\nMIRRORNAME=m.example.org\n`);
  fs.writeFileSync(path.join(second, 'ftpsync.conf'), 'TO=/elsewhere\n');
  fs.writeFileSync(path.join(second, 'ftpsync-ports.conf'), `TO=${to}\n`);
  fs.writeFileSync(path.join(second, 'ftpsync.conf.sample'), '');
  const configs = findFtpsyncConfigs([first, second, path.join(dir, 'missing')]);
  assert.deepEqual(configs, [path.join(first, 'ftpsync.conf'), path.join(second, 'ftpsync-ports.conf')]);
  fs.writeFileSync(path.join(to, 'Archive-Update-Required-m.example.org'), '');
  const [main, ports] = await loadArchiveStatuses(configs, dir);
  assert.equal(main.locks.updateRequired.length, 1);
  assert.equal(ports.archive, 'ports');
});

// Issue 12, item 7: This Mirror ignored LOGDIR="${BASEDIR}/log", which the Downstreams view understands.
test('an archvsync home: LOGDIR="${BASEDIR}/log" is the home\'s log/, as the Downstreams view reads it', async () => {
  const { loadList } = await import('../../../src/engine/inventory/load');
  const home = path.join(dir, 'archvsync');
  fs.mkdirSync(path.join(home, 'etc'), { recursive: true });
  const conf = 'LOGDIR="${BASEDIR}/log"\n';
  fs.writeFileSync(path.join(home, 'etc', 'ftpsync.conf'), conf);
  fs.writeFileSync(path.join(home, 'etc', 'runmirrors.conf'), conf);
  fs.writeFileSync(path.join(home, 'etc', 'runmirrors.mirror'), 'all eu.one one.example.org\n');
  const a = readFtpsyncConfig(path.join(home, 'etc', 'ftpsync.conf'), conf, '/home/m');
  assert.equal(a.logDir, path.join(home, 'log'));
  assert.equal(a.logs.ftpsync, path.join(home, 'log', 'ftpsync.log'));
  const list = await loadList(path.join(home, 'etc', 'runmirrors.mirror'), 'ws', '/home/m');
  assert.equal(list?.settings.logDir, a.logDir, 'both views, one directory');
  // Outside an archvsync home BASEDIR is unknown: the default LOGDIR stays, as before.
  const elsewhere = readFtpsyncConfig('/etc/ftpsync/ftpsync.conf', conf, '/home/m');
  assert.equal(elsewhere.logDir, '/home/m/.local/log/ftpsync');
});
