import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateLine } from '../../../server/src/core/trace/dates';
import { parseTrace } from '../../../server/src/core/trace/parser';
import type { SignalResult } from '../../../src/engine/ssh/fanout';
import type { Observation, TraceSource } from '../../../src/engine/traces/sources';
import { parseRuns } from '../../../src/engine/traces/sshLog';
import { PropagationWatch, type PropagationUpdate } from '../../../src/engine/traces/watch';

// The polling engine's states and timings against scripted downstreams: what a reading returns is
// set by the test at the moment it wants, as a downstream's HTTP server would serve it.

const rfc = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
function trace(serial: string, ended = Date.now(), started = ended - 1000): string {
  return `${formatDateLine(ended)}\nDate: ${rfc(ended)}\nDate-Started: ${rfc(started)}\nArchive serial: ${serial}\n`;
}

class Scripted implements TraceSource {
  readonly kind = 'http' as const;
  readonly site = 'one.example.org';
  reads = 0;
  delayMs = 0;
  state: Omit<Observation, 'at'> = {};
  constructor(readonly label = 'http://127.0.0.1/debian/project/trace/one.example.org') {}
  set(text: string | undefined, lock?: { modified: number }): void {
    this.state = {
      ...(text === undefined ? { traceAbsent: true } : { trace: parseTrace(text) }),
      inProgress: lock ? { present: true, modified: lock.modified } : { present: false },
    };
  }
  private waiters: { reads: number; wake: () => void }[] = [];
  /** Resolves once `n` more readings have been taken: the watch has seen what was set. */
  seen(n = 1): Promise<void> {
    return new Promise((wake) => this.waiters.push({ reads: this.reads + n, wake }));
  }
  async observe(): Promise<Observation> {
    this.reads++;
    for (const w of this.waiters.filter((x) => x.reads <= this.reads)) w.wake();
    this.waiters = this.waiters.filter((x) => x.reads > this.reads);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return { at: Date.now(), ...this.state };
  }
  close(): void {}
}

function result(name: string, over: Partial<SignalResult> = {}): SignalResult {
  return {
    name,
    host: '127.0.0.1',
    port: 22,
    user: 'archvsync',
    stage: 'all',
    command: 'sync:archive: sync:all',
    status: 'ok',
    accepted: true,
    exitCode: 0,
    output: '',
    durationMs: 10,
    ...over,
  };
}

function recorder() {
  const updates: PropagationUpdate[] = [];
  return {
    updates,
    onUpdate: (u: PropagationUpdate) => updates.push(u),
    states: (n: string) => updates.filter((u) => u.name === n).map((u) => u.state),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PropagationWatch', () => {
  it('signalled → syncing → done, with the propagation time measured from the signal', async () => {
    const src = new Scripted();
    const old = trace('1', Date.now() - 3600_000);
    src.set(old);
    const rec = recorder();
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 10_000, onUpdate: rec.onUpdate });
    await watch.ready();
    const sent = Date.now();
    watch.signalSent('one', sent);
    await sleep(300);
    src.set(old, { modified: Date.now() });
    await src.seen(1);
    await sleep(500 - (Date.now() - sent - 300));
    src.set(trace('2', Date.now(), sent + 300));
    const [outcome] = await watch.settled();
    watch.signalResult(result('one'));
    assert.deepEqual(rec.states('one'), ['waiting', 'signalled', 'syncing', 'done']);
    assert.equal(outcome!.state, 'done');
    assert.equal(outcome!.serial, '2');
    assert.ok(outcome!.propagationMs! >= 800 && outcome!.propagationMs! < 1500, String(outcome!.propagationMs));
    assert.ok(Math.abs(outcome!.reportedMs! - 800) < 1100, String(outcome!.reportedMs));
    // RFC 2822 dates have whole seconds.
    assert.ok([0, 1000].includes(outcome!.syncMs!), String(outcome!.syncMs));
  });

  it('a first sync: the trace was absent before', async () => {
    const src = new Scripted();
    src.set(undefined);
    const watch = new PropagationWatch([{ name: 'new', source: src }], { timeoutMs: 5000 });
    await watch.ready();
    watch.signalSent('new');
    await sleep(250);
    src.set(trace('7'));
    const [o] = await watch.settled();
    assert.equal(o!.state, 'done');
  });

  it('never synced: the wait ends with the likely causes', async () => {
    const src = new Scripted();
    src.set(trace('1'));
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 600 });
    await watch.ready();
    const t0 = Date.now();
    watch.signalSent('one');
    watch.signalResult(result('one'));
    const [o] = await watch.settled();
    assert.equal(o!.state, 'never-synced');
    assert.ok(Date.now() - t0 < 1500);
    assert.match(o!.causes!.join('\n'), /exited 0 but .* did not change/);
  });

  it('a lock that was there before the signal and stays is named', async () => {
    const src = new Scripted();
    src.set(trace('1'), { modified: Date.now() - 7200_000 });
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 500 });
    await watch.ready();
    watch.signalSent('one');
    const [o] = await watch.settled();
    assert.match(
      o!.causes![0]!,
      /Archive-Update-in-Progress-one\.example\.org was there before the signal and still is/,
    );
  });

  it('an exit status that rules a sync out ends the wait at once', async () => {
    const src = new Scripted();
    src.set(trace('1'));
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 60_000 });
    await watch.ready();
    watch.signalSent('one');
    const t0 = Date.now();
    watch.signalResult(result('one', { status: 'failed', exitCode: 127, output: 'sh: 1: /nonexistent: not found\n' }));
    const [o] = await watch.settled();
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(o!.state, 'never-synced');
    assert.match(o!.causes![0]!, /forced command was not found \(exit 127\).*not found"/);
  });

  it('a refused signal is not-signalled; an unsignalled downstream too once the push is over', async () => {
    const a = new Scripted();
    const b = new Scripted();
    a.set(trace('1'));
    b.set(trace('1'));
    const watch = new PropagationWatch(
      [
        { name: 'a', source: a },
        { name: 'b', source: b },
        { name: 'c', unwatchedReason: 'no traceUrl or log for c in pushmirror.yaml' },
      ],
      { timeoutMs: 60_000 },
    );
    await watch.ready();
    watch.signalSent('a');
    watch.signalResult(
      result('a', { status: 'refused', accepted: false, exitCode: undefined, message: 'host key changed' }),
    );
    watch.pushFinished();
    const outcomes = await watch.settled();
    assert.deepEqual(
      outcomes.map((o) => [o.name, o.state, o.causes?.[0]]),
      [
        ['a', 'not-signalled', 'the signal (all) was not delivered: refused, host key changed'],
        ['b', 'not-signalled', 'it was not signalled in this push'],
        ['c', 'unwatched', 'no traceUrl or log for c in pushmirror.yaml'],
      ],
    );
  });

  it('a second signal during a running sync joins it (Archive-Update-Required) and lands with it', async () => {
    const src = new Scripted();
    src.set(trace('1'), { modified: Date.now() });
    const rec = recorder();
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 5000, onUpdate: rec.onUpdate });
    await watch.ready();
    watch.signalSent('one');
    watch.signalResult(
      result('one', {
        status: 'failed',
        exitCode: 1,
        output: 'Unable to start rsync, lock file still exists, PID 4242\n',
      }),
    );
    await sleep(300);
    src.set(trace('2'));
    const [o] = await watch.settled();
    assert.equal(o!.state, 'done');
    assert.equal(o!.joinedRunningSync, true);
    assert.ok(rec.updates.some((u) => u.detail?.startsWith('joined the sync already running')));
  });

  it('a dead trace URL costs its own timeout and holds nobody up', async () => {
    const dead = new Scripted('http://127.0.0.1:9/debian/project/trace/dead.example.org');
    dead.delayMs = 800;
    dead.state = { traceError: 'no answer from 127.0.0.1:9 within 800 ms' };
    const live = new Scripted();
    live.set(trace('1'));
    const watch = new PropagationWatch(
      [
        { name: 'dead', source: dead },
        { name: 'live', source: live },
      ],
      { timeoutMs: 30_000 },
    );
    const t0 = Date.now();
    await watch.ready(200);
    assert.ok(Date.now() - t0 < 400, 'ready does not wait for the dead URL');
    watch.signalSent('dead');
    watch.signalSent('live');
    setTimeout(() => live.set(trace('2')), 100);
    const outcomes = await watch.settled();
    assert.ok(Date.now() - t0 < 1500, String(Date.now() - t0));
    assert.deepEqual(
      outcomes.map((o) => [o.name, o.state]),
      [
        ['dead', 'unknown'],
        ['live', 'done'],
      ],
    );
    assert.match(outcomes[0]!.causes![0]!, /could not be read: no answer/);
  });

  it('polls fast at first and slower as the wait grows', async () => {
    const src = new Scripted();
    src.set(trace('1'));
    const watch = new PropagationWatch([{ name: 'one', source: src }], {
      timeoutMs: 2000,
      minIntervalMs: 100,
      maxIntervalMs: 300,
    });
    await watch.ready();
    const baseline = src.reads;
    watch.signalSent('one');
    await watch.settled();
    const polls = src.reads - baseline;
    assert.ok(polls >= 6 && polls <= 20, String(polls));
  });

  it('cancelling ends every wait', async () => {
    const src = new Scripted();
    src.set(trace('1'));
    const ac = new AbortController();
    const watch = new PropagationWatch([{ name: 'one', source: src }], { timeoutMs: 60_000, signal: ac.signal });
    await watch.ready();
    watch.signalSent('one');
    setTimeout(() => ac.abort(), 100);
    const [o] = await watch.settled();
    assert.equal(o!.state, 'cancelled');
  });
});

describe('ftpsync runs in its log', () => {
  const log = [
    'Dec 06 20:46:56 vm ftpsync[11254]: Mirrorsync start',
    'Dec 06 20:46:56 vm ftpsync[11254]: Running mirrorsync, update is required, /srv/m/Archive-Update-Required-x exists',
    'Dec 06 20:46:57 vm ftpsync[11254]: Mirrorsync done',
    'Dec 06 21:00:01 vm ftpsync[12000]: Mirrorsync start',
    'Dec 06 21:00:02 vm ftpsync[12000]: ERROR: Sync step 1 went wrong, got errorcode 5. Logfile: /x/ftpsync.log',
    'Dec 06 21:00:02 vm ftpsync[12000]: Mirrorsync done with errors',
    'Dec  6 21:05:00 vm [12100] Mirrorsync start',
  ].join('\n');
  it('start, done, done with errors and its ERROR lines, running', () => {
    assert.deepEqual(
      parseRuns(log).map((r) => [r.pid, r.done, r.errors.length]),
      [
        [11254, 'ok', 0],
        [12000, 'errors', 1],
        [12100, undefined, 0],
      ],
    );
  });
});
