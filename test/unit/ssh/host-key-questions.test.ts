import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  HostKeyQuestions,
  type DecisionMemo,
  type HostKeyDecision,
  type UnknownHostKey,
} from '../../../src/engine/ssh/hostKeyPrompt';

// Unknown host keys are asked about in batches: those arriving within the window after the first,
// and those arriving while a question is open, go into one question each; the same key (several
// downstreams on one host) is asked once; one answer per key.

const key = (host: string, fp = `SHA256:${host}`): UnknownHostKey => ({
  host,
  port: 22,
  keyType: 'ssh-ed25519',
  bits: 256,
  fingerprint: fp,
  display: `256 ${fp} ${host} (ED25519)`,
});

/** A person who answers each question when told to, by host name. */
function person(answers: Record<string, HostKeyDecision>) {
  const asked: string[][] = [];
  const open: (() => void)[] = [];
  const confirm = (keys: readonly UnknownHostKey[]) => {
    asked.push(keys.map((k) => k.host));
    return new Promise<HostKeyDecision[]>((resolve) => open.push(() => resolve(keys.map((k) => answers[k.host]))));
  };
  return { asked, confirm, answerNext: () => open.shift()?.() };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('keys within the window are one question; keys during an open question are the next one', async () => {
  const p = person({ a: 'remember', b: 'once', c: 'refuse', d: 'once' });
  const q = new HostKeyQuestions(p.confirm, 50);
  const a = q.ask(key('a'));
  await tick(10);
  const b = q.ask(key('b'));
  const a2 = q.ask(key('a')); // a second downstream on host a, same key
  await tick(80);
  assert.deepEqual(p.asked, [['a', 'b']]);
  const c = q.ask(key('c'));
  const d = q.ask(key('d'));
  await tick(80);
  assert.deepEqual(p.asked, [['a', 'b']], 'asked again while a question was open');
  p.answerNext();
  assert.deepEqual(await Promise.all([a, b, a2]), ['remember', 'once', 'remember']);
  await tick(10);
  assert.deepEqual(p.asked, [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  p.answerNext();
  assert.deepEqual(await Promise.all([c, d]), ['refuse', 'once']);
});

test('a push remembers its answers (stage2 is not asked again); another push asks anew', async () => {
  const p = person({ a: 'once' });
  const q = new HostKeyQuestions(p.confirm, 0);
  const run1: DecisionMemo = new Map();
  const first = q.ask(key('a'), run1);
  await tick(5);
  p.answerNext();
  assert.equal(await first, 'once');
  assert.equal(await q.ask(key('a'), run1), 'once');
  assert.equal(p.asked.length, 1);
  const second = q.ask(key('a'), new Map());
  await tick(5);
  assert.equal(p.asked.length, 2);
  p.answerNext();
  assert.equal(await second, 'once');
});

test('a question that fails or answers too few refuses the rest', async () => {
  const failing = new HostKeyQuestions(() => Promise.reject(new Error('dialog gone')), 0);
  assert.equal(await failing.ask(key('a')), 'refuse');
  const short = new HostKeyQuestions(async () => ['remember'], 20);
  const [x, y] = await Promise.all([short.ask(key('x')), short.ask(key('y'))]);
  assert.deepEqual([x, y], ['remember', 'refuse']);
});
