import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { run } from '../../support/process';
import { startDownstreams, type Downstreams } from './downstreams';

// Issue 12, item 8: `signal --accept-new` to 20 new downstreams at once wrote 1 line of 20 (the
// writes were read-modify-rename without a lock, so parallel accepts overwrote each other), and the
// next run accepted 19 hosts as new again. Every accepted key must be kept.

let ds: Downstreams;
before(async () => {
  // One sshd listens on at most 16 addresses: 20 downstreams are two sshds.
  ds = await startDownstreams(20);
});
after(async () => {
  await ds?.dispose();
});

const quiet = (): Output => ({ print: () => undefined, info: () => undefined, error: () => undefined });

for (const trial of [1, 2, 3]) {
  test(`--accept-new to 20 new downstreams keeps 20 lines, each found by ssh-keygen -F (trial ${trial})`, async () => {
    const kh = path.join(ds.dir, `accept-new-${trial}`);
    fs.writeFileSync(kh, '', { mode: 0o600 });
    const list = path.join(ds.dir, `accept-new-${trial}.mirror`);
    fs.writeFileSync(list, ds.mirrorList('all'));
    const args = [
      'signal',
      '--mirror-list',
      list,
      '--key',
      ds.key.privateKey,
      '--known-hosts',
      kh,
      '--only-known-hosts',
      '--ssh-config',
      'none',
      '--no-log',
    ];
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      assert.equal(await main([...args, '--accept-new'], quiet()), 0);
      // Node emits warnings on the next tick: let them arrive before looking.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    // 20 downstreams listening to one cancel signal is the design, not a leak to warn about.
    assert.deepEqual(warnings, []);
    const lines = fs.readFileSync(kh, 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, 20, `kept ${lines.length} of 20 accepted keys`);
    for (const t of ds.targets) {
      const found = await run('ssh-keygen', ['-F', `[${t.address}]:${t.port}`, '-f', kh]);
      assert.equal(found.code, 0, `${t.address} missing`);
    }
    assert.equal(fs.statSync(kh).mode & 0o777, 0o600);
    // The next run needs no --accept-new: every key was remembered.
    assert.equal(await main(args, quiet()), 0);
  });
}
