import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTrace } from '../../../server/src/core/trace/parser';
import { traceService } from '../../../server/src/core/trace/service';
import { Lab } from './lab';
import { pushViaCli, secondPushDuringSync, statusOf } from './scenarios';

// The two-mirror lab end to end, on loopback: our engine signals, the real sshd runs the forced
// command, the real ftpsync takes its lock and pulls from the real rsync daemon with its account,
// writes its trace, and Push Mirror reads it over HTTP and says how long the push took. Then the
// ways a push does not land, each named.

describe('the two-mirror lab', () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.start({ slowSyncSeconds: 2 });
  });
  after(async () => {
    await lab?.dispose();
  });

  it('a push lands; the propagation time matches the downstream’s own log and trace', async () => {
    const serial = lab.publish();
    const r = await pushViaCli(lab, 'good');
    assert.equal(r.code, 0, `${r.line}\n${r.stderr.join('\n')}`);
    assert.match(r.line, /^propagated in \d+\.\d s$/);
    const o = r.outcome!;
    assert.equal(o.state, 'done');
    assert.equal(o.serial, serial);
    assert.equal(r.results[0]!.exitCode, 0);
    // ftpsync's log: the run after our signal. Its stamps have whole seconds; our polls are ≤ 10 % late.
    const run = lab.runs().find((x) => x.start >= Math.floor(o.signalledAt! / 1000) * 1000 && x.done)!;
    assert.ok(run, JSON.stringify(lab.runs()));
    const logged = run.done! - o.signalledAt!;
    assert.ok(Math.abs(o.propagationMs! - logged) <= 1500, `measured ${o.propagationMs} ms, log says ${logged} ms`);
    assert.ok(Math.abs(o.propagationMs! - o.reportedMs!) <= 1500, `measured ${o.propagationMs}, trace ${o.reportedMs}`);
    assert.ok(o.syncMs! >= 2000, 'HOOK2 sleeps 2 s inside the sync');
  });

  it('the trace the real ftpsync wrote is read whole, with no problems', () => {
    const text = fs.readFileSync(path.join(lab.good.sandbox.to, 'project/trace', lab.good.site), 'utf8');
    const t = parseTrace(text);
    assert.equal(t.kind, 'site');
    for (const name of [
      'Date',
      'Date-Started',
      'Archive serial',
      'Used ftpsync version',
      'Creator',
      'Running on host',
      'Trigger',
      'Architectures',
      'Architectures-Configuration',
      'Upstream-mirror',
      'Rsync-Transport',
      'Total time spent in rsync',
    ])
      assert.ok(
        t.fields.some((f) => f.name === name),
        name,
      );
    assert.match(text, /^Trigger: ssh$/m);
    assert.match(text, /^Architectures: amd64 arm64 i386 source $/m);
    for (const f of [lab.good.site, 'master', '_hierarchy', '_traces']) {
      const file = path.join(lab.good.sandbox.to, 'project/trace', f);
      assert.deepEqual(traceService.validate(fs.readFileSync(file, 'utf8'), { path: file }), [], f);
    }
  });

  it('a second push during a running sync joins it through Archive-Update-Required; both land', async () => {
    const { first, second, serials } = await secondPushDuringSync(lab);
    const o1 = first.outcomes[0]!;
    const o2 = second.outcomes[0]!;
    assert.equal(o1.state, 'done', JSON.stringify(o1));
    assert.equal(o2.state, 'done', JSON.stringify(o2));
    assert.equal(o2.joinedRunningSync, true);
    assert.equal(second.results[0]!.exitCode, 1);
    assert.match(second.results[0]!.output, /Unable to start rsync, lock file still exists/);
    // One run carried both: ftpsync ran stage 1 once more for the second push, and the trace has its serial.
    assert.equal(o1.serial, serials[1]);
    assert.equal(o2.serial, serials[1]);
    const run = lab.runs().find((x) => x.start >= o1.signalledAt! - 1000)!;
    assert.equal(run.passes, 2, JSON.stringify(lab.runs()));
  });

  it('a stale Archive-Update-in-Progress: status warns; ftpsync takes the dead lock over and the push lands', async () => {
    await lab.leaveStaleLock(3 * 3600_000);
    const before = await statusOf(lab, 'good');
    assert.equal(before.code, 1, before.stdout.join('\n'));
    assert.match(
      before.stdout[1]!,
      /^WARNING\tgood\t.*stale Archive-Update-in-Progress-downstream\.example\.org \(3 h old\)/,
    );
    lab.publish();
    const r = await pushViaCli(lab, 'good');
    assert.equal(r.code, 0, r.line);
    const after = await statusOf(lab, 'good');
    assert.equal(after.code, 0, after.stdout.join('\n'));
    assert.match(after.stdout[1]!, /^OK\tgood\tcurrent, serial \d+/);
  });

  it('a broken forced command: signalled, never synced, and why', async () => {
    const r = await pushViaCli(lab, 'broken');
    assert.equal(r.code, 1);
    assert.equal(r.outcome!.state, 'never-synced');
    assert.match(r.line, /broken link: the forced command in the downstream's authorized_keys/);
    assert.match(r.outcome!.causes![0]!, /forced command was not found \(exit 127\)/);
  });

  it('the log over ssh with the log identity tells the same story', async () => {
    const inventory = path.join(lab.dir, 'pushmirror-log.yaml');
    fs.writeFileSync(inventory, lab.inventoryText('log'));
    lab.publish();
    const r = await pushViaCli(lab, 'good', ['--inventory', inventory]);
    assert.equal(r.code, 0, `${r.line} ${r.stderr.join('\n')}`);
    assert.equal(r.outcome!.detail, 'ftpsync logged "Mirrorsync done"');
    assert.match(r.outcome!.source!, /pmtest@127\.0\.0\.1:\d+:.*ftpsync\.log$/);
  });

  it('status --hierarchy: the downstream pulls from the upstream the lab signals from', async () => {
    const s = await statusOf(lab, '--hierarchy', '--self', '127.0.0.1', 'good');
    assert.ok(
      s.stdout.includes('  good pulls from 127.0.0.1; traces: master downstream.example.org'),
      s.stdout.join('\n'),
    );
    assert.ok(!s.stdout.some((l) => /warning:/.test(l)), s.stdout.join('\n'));
  });
});
