import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { describeLog, discoverLogs, logDirCandidates } from '../../../src/engine/logs/discover';
import { describeLocks, readLockStatus, runsFtpsync } from '../../../src/engine/logs/locks';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-locks-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a lock whose PID is gone is reported stale; update-required is reported', async () => {
  const root = path.join(dir, 'stale');
  fs.mkdirSync(root);
  // A PID that certainly does not exist: a child that has already exited.
  const child = spawn('true');
  await new Promise((r) => child.once('exit', r));
  fs.writeFileSync(path.join(root, 'Archive-Update-in-Progress-mirror.example.org'), `${child.pid}\n`);
  fs.writeFileSync(path.join(root, 'Archive-Update-Required-mirror.example.org'), '');
  const status = await readLockStatus(root, 'mirror.example.org');
  assert.equal(status.inProgress[0].process, 'dead');
  assert.equal(status.inProgress[0].pid, child.pid);
  assert.equal(status.updateRequired.length, 1);
  assert.match(describeLocks(status)!, /stale lock since .*: PID \d+ is gone; another sync requested/);
});

test('a lock held by a running process that is not ftpsync counts as a reused PID', async () => {
  const root = path.join(dir, 'reused');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'Archive-Update-in-Progress-m'), `${process.pid}`);
  const status = await readLockStatus(root);
  assert.equal(status.inProgress[0].process, 'reused');
  assert.equal((await readLockStatus(root, 'other')).inProgress.length, 0);
  assert.deepEqual(await readLockStatus(path.join(dir, 'no-such-dir')), { inProgress: [], updateRequired: [] });
});

test('logs are discovered by ftpsync and runmirrors naming; rotated copies are left out', () => {
  const logdir = path.join(dir, 'log');
  fs.mkdirSync(logdir);
  for (const name of [
    'ftpsync.log',
    'ftpsync.log.0',
    'rsync-ftpsync.log',
    'rsync-ftpsync.error',
    'runmirrors.log',
    'eu.log',
    'notes.txt',
  ]) {
    fs.writeFileSync(path.join(logdir, name), 'x\n');
  }
  const logs = discoverLogs([logdir], ['eu'])
    .map((l) => `${l.kind}:${l.name}`)
    .sort();
  assert.deepEqual(logs, [
    'downstream:eu',
    'ftpsync:ftpsync',
    'rsync-error:ftpsync',
    'rsync:ftpsync',
    'runmirrors:runmirrors',
  ]);
  // Issue 12, item 7: without the downstream names the picker called a per-downstream log "ftpsync";
  // its first line (runmirrors' `date -u`) tells it apart.
  fs.writeFileSync(
    path.join(logdir, 'eu.two.log'),
    'Mon Nov 23 10:11:35 UTC 2026\nNov 23 10:11:35 up runmirrors[7]: Sending normal trigger\n',
  );
  const named = discoverLogs([logdir])
    .map((l) => `${l.file.slice(logdir.length + 1)}: ${describeLog(l)}`)
    .sort();
  assert.deepEqual(named, [
    'eu.log: ftpsync log (eu)',
    'eu.two.log: eu.two — runmirrors log',
    'ftpsync.log: ftpsync log',
    'rsync-ftpsync.error: rsync errors of ftpsync',
    'rsync-ftpsync.log: rsync log of ftpsync',
    'runmirrors.log: runmirrors log',
  ]);
  assert.deepEqual(logDirCandidates(['~/custom'], ['/ws'], '/home/m'), [
    '/home/m/custom',
    '/ws/log',
    '/home/m/.local/log/ftpsync',
    '/home/m/log',
  ]);
});

test('a PID runs ftpsync only when ftpsync is the program or the script its shell runs', () => {
  const yes = [
    '/usr/bin/ftpsync\0sync:all\0',
    'bash\0/usr/bin/ftpsync\0sync:all\0',
    '/bin/bash\0-e\0/home/archvsync/bin/ftpsync\0',
  ];
  const no = [
    'vim\0/home/archvsync/.config/ftpsync/ftpsync.conf\0',
    'less\0/srv/wt-ftpsync/log\0',
    'bash\0/usr/bin/ftpsync-cron\0',
  ];
  for (const c of yes) assert.equal(runsFtpsync(c), true, c);
  for (const c of no) assert.equal(runsFtpsync(c), false, c);
});
