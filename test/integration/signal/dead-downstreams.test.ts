import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { Downstream } from '../../../src/engine/ssh/downstream';
import { Signaller, type SignalResult } from '../../../src/engine/ssh/fanout';
import { fromText } from '../../../src/engine/ssh/sshConfig';
import { TEST_USER } from '../../support/sshd';
import { startDownstreams, startFullBacklogListener, startSilentServer, type Downstreams } from './downstreams';

// Issue 12, item 14: --connect-timeout must bound the ssh handshake too (the README says so), and
// dead downstreams must not hold the handshake slots while live ones wait (200 listed, 150 dead:
// the 50 live ones were spread over 140 s). Dead here is real: a listener that accepts and never
// speaks (a hung sshd), and one whose accept queue is full (a host that is down: SYN unanswered).

let ds: Downstreams;
const cleanups: (() => Promise<void>)[] = [];
let silentPort: number;
let backlogPort: number;
before(async () => {
  ds = await startDownstreams(20);
  cleanups.push(() => ds.dispose());
  const silent = await startSilentServer();
  cleanups.push(() => silent.close());
  silentPort = silent.port;
  const backlog = await startFullBacklogListener();
  cleanups.push(() => backlog.close());
  backlogPort = backlog.port;
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const live = (): Downstream[] =>
  ds.targets.map((t) => ({ name: t.name, host: t.address, port: t.port, user: TEST_USER, type: 'all' }));
const dead = (n: number): Downstream[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `dead${i}`,
    host: '127.0.0.1',
    port: i % 2 ? silentPort : backlogPort,
    user: TEST_USER,
    type: 'all' as const,
  }));

/** Pushes `plan`; returns every result with the time it came in, from the start of the push. */
async function timedPush(plan: Downstream[], connectTimeoutMs: number) {
  const signaller = new Signaller({
    knownHosts: new KnownHosts([ds.knownHosts]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
    connectTimeoutMs,
  });
  const t0 = Date.now();
  const at = new Map<string, number>();
  const results = await signaller.push(plan, {
    concurrency: 16,
    timeoutMs: 30_000,
    onResult: (r: SignalResult) => at.set(r.name, Date.now() - t0),
  });
  return { results, at, total: Date.now() - t0 };
}

test('100 dead downstreams listed before 20 live ones: the live ones finish about as fast as alone', async () => {
  const alone = await timedPush(live(), 6000);
  assert.ok(
    alone.results.every((r) => r.status === 'ok'),
    JSON.stringify(alone.results.filter((r) => r.status !== 'ok')),
  );
  const mixed = await timedPush([...dead(100), ...live()], 6000);
  const liveNames = new Set(ds.targets.map((t) => t.name));
  const liveResults = mixed.results.filter((r) => liveNames.has(r.name));
  assert.equal(liveResults.filter((r) => r.status === 'ok').length, 20, JSON.stringify(liveResults));
  const lastLive = Math.max(...[...mixed.at].filter(([n]) => liveNames.has(n)).map(([, t]) => t));
  // Alone they take a fraction of a second here; the dead ones' connect timeout is 6 s.
  assert.ok(
    lastLive < Math.max(3 * alone.total, alone.total + 2000),
    `live downstreams alone: ${alone.total} ms; behind 100 dead ones the last finished at ${lastLive} ms`,
  );
  const deadResults = mixed.results.filter((r) => !liveNames.has(r.name));
  assert.equal(deadResults.length, 100);
  for (const r of deadResults) {
    assert.equal(r.status, 'timeout', `${r.name}: ${r.status} ${r.message}`);
    assert.match(r.message!, /connect/);
  }
  // Each dead one got its own budget, not a queue's: all were given up at about the connect timeout.
  assert.ok(mixed.total < 6000 + 4000, `the push took ${mixed.total} ms`);
});

test('--connect-timeout bounds the ssh handshake: a host that accepts and never speaks is given up after it', async () => {
  const list = path.join(ds.dir, 'silent.mirror');
  fs.writeFileSync(list, `all hung 127.0.0.1 ${TEST_USER} -p ${silentPort}\n`);
  let json = '';
  const out: Output = { print: (l) => (json += l), info: () => undefined, error: () => undefined };
  const started = Date.now();
  const code = await main(
    [
      'signal',
      '--mirror-list',
      list,
      '--key',
      ds.key.privateKey,
      '--known-hosts',
      ds.knownHosts,
      '--only-known-hosts',
      '--ssh-config',
      'none',
      '--no-log',
      '--format',
      'json',
      '--connect-timeout',
      '1',
      '--timeout',
      '30',
    ],
    out,
  );
  const took = Date.now() - started;
  assert.equal(code, 1);
  const r = (JSON.parse(json) as { results: SignalResult[] }).results[0];
  assert.equal(r.status, 'timeout');
  assert.match(r.message!, /connect/);
  assert.ok(took < 3000, `gave up after ${took} ms, not after the 1 s connect timeout`);
});
