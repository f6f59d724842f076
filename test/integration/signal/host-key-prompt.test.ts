import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { EventLevel } from '../../../src/engine/ssh/connect';
import type { Downstream, PlanEntry } from '../../../src/engine/ssh/downstream';
import { Signaller, type SignalResult } from '../../../src/engine/ssh/fanout';
import type { HostKeyDecision, UnknownHostKey } from '../../../src/engine/ssh/hostKeyPrompt';
import { fromText } from '../../../src/engine/ssh/sshConfig';
import { run } from '../../support/process';
import { TEST_USER } from '../../support/sshd';
import { startDownstreams, type Downstreams } from './downstreams';

// Issue 12, item 3, against real sshds: unknown keys that arrive together (or while a question is
// open) are asked about together, one answer per key; nothing is marked "sent" while its question
// is open; Trust Once writes nothing and covers stage2 of the same push; a refusal is a warning.

let ds: Downstreams;
before(async () => {
  ds = await startDownstreams(6);
});
after(async () => {
  await ds?.dispose();
});

const downstream = (i: number, type: Downstream['type'] = 'all'): Downstream => ({
  name: `d${i}`,
  host: ds.targets[i].address,
  port: ds.targets[i].port,
  user: TEST_USER,
  type,
});

/** A person at the dialog: records each question and answers it when the test says so. */
function person(answer: (k: UnknownHostKey) => HostKeyDecision) {
  const questions: { keys: UnknownHostKey[]; at: number }[] = [];
  const pending: (() => number)[] = [];
  const confirm = (keys: readonly UnknownHostKey[]) =>
    new Promise<HostKeyDecision[]>((resolve) => {
      questions.push({ keys: [...keys], at: Date.now() });
      pending.push(() => (resolve(keys.map(answer)), Date.now()));
    });
  return { questions, confirm, answer: () => pending.shift()!() };
}

async function until(what: string, accept: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!accept()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('six new hosts: two questions (4 together, 2 that came while it was open), nothing "sent" before its answer', async () => {
  const kh = path.join(ds.dir, 'prompt_known_hosts');
  fs.writeFileSync(kh, '');
  const byAddress: Record<string, HostKeyDecision> = {
    [ds.targets[0].address]: 'remember',
    [ds.targets[1].address]: 'once',
    [ds.targets[2].address]: 'refuse',
    [ds.targets[3].address]: 'remember',
    [ds.targets[4].address]: 'once',
    [ds.targets[5].address]: 'once',
  };
  const p = person((k) => byAddress[k.host]);
  const signaller = new Signaller({
    knownHosts: new KnownHosts([kh]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
    confirmUnknownHosts: p.confirm,
  });
  const started = new Map<string, number>();
  const waiting = new Set<string>();
  const events: { line: string; level: EventLevel }[] = [];
  const plan: PlanEntry[] = [
    ...[0, 1, 2, 3].map((i) => downstream(i)),
    { delay: true, seconds: 1, stage1: false },
    downstream(4),
    downstream(5),
  ];
  const pushing = signaller.push(plan, {
    timeoutMs: 30_000,
    onStart: (d) => started.set(d.name, Date.now()),
    onHostKeyQuestion: (d) => waiting.add(d.name),
    onEvent: (line, level) => events.push({ line, level }),
  });
  await until('the first question', () => p.questions.length === 1);
  assert.deepEqual(
    p.questions[0].keys.map((k) => k.host).sort(),
    ds.targets
      .slice(0, 4)
      .map((t) => t.address)
      .sort(),
  );
  for (const k of p.questions[0].keys) assert.match(k.display, /^256 SHA256:\S+ \[127\.0\.\d+\.\d+\]:\d+ \(ED25519\)$/);
  // The DELAY passes and d4, d5 reach their host key while the first question is still open.
  await until('d4 and d5 waiting', () => waiting.has('d4') && waiting.has('d5'));
  assert.equal(p.questions.length, 1, 'a second dialog opened while the first was open');
  assert.equal(started.size, 0, `marked sent while their question was open: ${[...started.keys()]}`);
  const firstAnswered = p.answer();
  await until('the second question', () => p.questions.length === 2);
  assert.deepEqual(
    p.questions[1].keys.map((k) => k.host).sort(),
    [ds.targets[4].address, ds.targets[5].address].sort(),
  );
  assert.ok(!started.has('d4') && !started.has('d5'));
  const secondAnswered = p.answer();
  const results: SignalResult[] = await pushing;

  const status = Object.fromEntries(results.map((r) => [r.name, r.status]));
  assert.deepEqual(status, { d0: 'ok', d1: 'ok', d2: 'refused', d3: 'ok', d4: 'ok', d5: 'ok' });
  for (const n of ['d0', 'd1', 'd3']) assert.ok(started.get(n)! >= firstAnswered, n);
  for (const n of ['d4', 'd5']) assert.ok(started.get(n)! >= secondAnswered, n);
  assert.ok(!started.has('d2'), 'a refused downstream was marked sent');
  // Only "Trust and Remember" wrote, hashed, and ssh-keygen finds exactly those.
  assert.equal(fs.readFileSync(kh, 'utf8').split('\n').filter(Boolean).length, 2);
  for (const [i, found] of [
    [0, true],
    [1, false],
    [3, true],
    [4, false],
  ] as const) {
    const r = await run('ssh-keygen', ['-F', `[${ds.targets[i].address}]:${ds.targets[i].port}`, '-f', kh]);
    assert.equal(r.code === 0, found, `d${i}`);
  }
  const refusal = events.find((e) => e.line.startsWith('d2: ') && /refused/.test(e.line));
  assert.equal(refusal?.level, 'warning');
});

test('Trust Once covers stage2 of the same staged push and writes nothing; the next push asks again', async () => {
  const kh = path.join(ds.dir, 'once_known_hosts');
  fs.writeFileSync(kh, '');
  let asked = 0;
  const signaller = new Signaller({
    knownHosts: new KnownHosts([kh]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
    confirmUnknownHosts: async (keys) => (asked++, keys.map(() => 'once' as const)),
  });
  const staged = await signaller.push([downstream(0, 'staged')], { timeoutMs: 20_000, pushDelayMs: 10_000 });
  assert.deepEqual(
    staged.map((r) => [r.stage, r.status]),
    [
      ['stage1', 'ok'],
      ['stage2', 'ok'],
    ],
  );
  assert.equal(asked, 1);
  assert.equal(fs.readFileSync(kh, 'utf8'), '');
  await signaller.push([downstream(0)], { timeoutMs: 20_000 });
  assert.equal(asked, 2);
});
