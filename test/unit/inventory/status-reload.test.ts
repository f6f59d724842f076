// Issue 12, item 7: after a signal the row said "pushed"; after a window reload the same push read
// from its log said "sent … (runmirrors' log)", although our signal had written `Result: ok, exit 0`
// there. The log is now read into one status, which the view shows before and after a reload alike.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadList, loadPushStatuses } from '../../../src/engine/inventory/load';
import { allDownstreams, buildModel } from '../../../src/engine/inventory/model';
import { parseMirrorLog } from '../../../src/engine/inventory/status';
import type { SignalResult } from '../../../src/engine/ssh/fanout';
import { appendDownstreamLog } from '../../../src/engine/ssh/runLog';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-status-reload-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

const STARTED = new Date(Date.UTC(2026, 10, 23, 10, 0, 0));
const result = (over: Partial<SignalResult>): SignalResult => ({
  name: 'eu.two',
  host: '192.0.2.2',
  port: 22,
  user: 'mirror',
  stage: 'all',
  command: 'sync:all',
  status: 'ok',
  accepted: true,
  exitCode: 0,
  output: 'signal received\n',
  durationMs: 52,
  ...over,
});

/** The log text the signal engine writes for one attempt (runLog.ts, unchanged). */
async function logOf(r: SignalResult): Promise<string> {
  const dir = fs.mkdtempSync(path.join(home, 'log-'));
  await appendDownstreamLog(dir, 'eu.two', 'normal', STARTED, r);
  return fs.readFileSync(path.join(dir, 'eu.two.log'), 'utf8');
}

describe('one reading of a per-downstream log', () => {
  it('reads our `Result: ok, exit 0` as pushed, from our signal', async () => {
    const status = parseMirrorLog(await logOf(result({})));
    assert.deepEqual(status, {
      time: STARTED.getTime(),
      result: 'ok',
      detail: 'normal trigger: ok, exit 0, 52 ms',
      source: 'signal',
    });
  });

  it('reads failures and timeouts as the signal engine judged them', async () => {
    const cases: [Partial<SignalResult>, 'ok' | 'failed'][] = [
      [{ status: 'failed', exitCode: 1 }, 'failed'],
      [{ status: 'refused', exitCode: undefined, message: 'host key changed (SHA256:x)' }, 'failed'],
      [{ status: 'timeout', exitCode: undefined, message: 'command accepted, no exit status within 60000 ms' }, 'ok'],
      [{ status: 'timeout', exitCode: undefined, accepted: false, message: 'no answer within 60000 ms' }, 'failed'],
      [{ status: 'cancelled', exitCode: undefined, message: 'cancelled' }, 'failed'],
    ];
    for (const [over, expected] of cases) {
      const status = parseMirrorLog(await logOf(result(over)));
      assert.equal(status?.result, expected, JSON.stringify(over));
      if (over.message) assert.ok(status?.detail?.endsWith(`(${over.message})`), status?.detail);
    }
  });

  it('a later runmirrors block (no Result line) is read as runmirrors wrote it', async () => {
    const ours = await logOf(result({}));
    const theirs = 'Mon Nov 23 11:00:00 UTC 2026\nNov 23 11:00:00 up runmirrors[7]: Sending normal trigger\n';
    assert.deepEqual(
      { result: parseMirrorLog(ours + theirs)?.result, source: parseMirrorLog(ours + theirs)?.source },
      { result: 'sent', source: 'runmirrors' },
    );
  });

  it('the row text from the log (after a reload) equals the row text right after the signal', async () => {
    fs.mkdirSync(path.join(home, 'etc'));
    fs.mkdirSync(path.join(home, 'log'));
    const listFile = path.join(home, 'etc', 'runmirrors.mirror');
    fs.writeFileSync(listFile, 'all eu.two two.example.org mirror\n');
    fs.writeFileSync(path.join(home, 'etc', 'runmirrors.conf'), 'LOGDIR="${BASEDIR}/log"\n');
    await appendDownstreamLog(path.join(home, 'log'), 'eu.two', 'normal', STARTED, result({}));
    const list = (await loadList(listFile, 'home', home))!;
    const now = STARTED.getTime() + 5 * 60_000;
    // Right after the signal: the controller reads the log the engine just appended to.
    const pushes = await loadPushStatuses(list);
    const row = () => allDownstreams(buildModel({ lists: [list], pushes, now }))[0];
    assert.equal(row().description, 'mirror@two.example.org · pushed 5 min ago');
    assert.match(row().tooltip, /Last push: pushed 5 min ago — normal trigger: ok, exit 0, 52 ms \(our signal\)/);
    assert.equal(row().icon, 'ok');
    // After a reload: the same files, the same function, the same row.
    const reloaded = await loadPushStatuses((await loadList(listFile, 'home', home))!);
    assert.deepEqual(reloaded, pushes);
  });
});
