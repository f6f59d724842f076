import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { configFor, FtpsyncSandbox, publish, startUpstream, type Upstream } from '../../support/ftpsync';

// The harness itself: the real ftpsync pulls the tiny archive from the real rsync daemon with its
// account, writes its site trace, and a new master trace upstream shows up downstream on the next run.

let upstream: Upstream;
let sandbox: FtpsyncSandbox;
before(async () => {
  upstream = await startUpstream();
  sandbox = new FtpsyncSandbox();
});
after(async () => {
  await upstream?.dispose();
  sandbox?.dispose();
});

test('ftpsync syncs from the loopback daemon with auth users and writes its trace', async () => {
  sandbox.writeConfig(configFor(upstream, sandbox.to));
  const first = await sandbox.run({ sshOriginalCommand: 'sync:all' });
  assert.equal(first.code, 0, `${first.stdout}${first.stderr}${first.log}`);
  assert.ok(fs.existsSync(path.join(sandbox.to, 'pool/main/h/hello/hello_1.0_amd64.deb')));
  const trace = sandbox.trace()!;
  assert.match(trace, /^Archive serial: 2026120601$/m);
  assert.match(trace, /^Trigger: ssh$/m);
  assert.match(trace, /^Upstream-mirror: 127\.0\.0\.1$/m);
  publish(upstream.archive, '2026120602');
  const second = await sandbox.run({ sshOriginalCommand: 'sync:all' });
  assert.equal(second.code, 0, second.log);
  assert.match(sandbox.trace()!, /^Archive serial: 2026120602$/m);
});

test('a wrong password fails the sync and writes no new trace', async () => {
  const other = new FtpsyncSandbox();
  try {
    other.writeConfig(configFor(upstream, other.to, { RSYNC_PASSWORD: 'wrong' }));
    const result = await other.run();
    assert.equal(other.trace(), undefined);
    assert.match(other.readLog('rsync-ftpsync.error.0') + result.log, /auth failed|@ERROR/);
  } finally {
    other.dispose();
  }
});
