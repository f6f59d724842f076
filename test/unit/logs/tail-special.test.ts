// Issue 12, item 10: special files under a log's name. A FIFO blocked the tail's open (and a libuv
// thread) for good, four of them stalled every async file call of the process; a log replaced by a
// FIFO stopped silently; a log replaced by a symlink was followed without a word.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { FileTail, type TailEvent } from '../../../src/engine/logs/tail';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-tail-special-'));
const fifos: string[] = [];
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Before the fix an open of each FIFO is still waiting in a libuv thread: a writer's open ends it,
 * so the next test (and the process) can run and report the failure instead of hanging.
 */
function releaseFifoReaders(): void {
  for (const fifo of fifos.splice(0)) {
    try {
      fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch {
      // no reader waiting: nothing to release
    }
  }
}

function mkfifo(file: string): string {
  execFileSync('mkfifo', [file]);
  fifos.push(file);
  return file;
}

/** Resolves with the promise's value, or rejects when it takes longer than a hang would allow. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function collect(file: string) {
  const events: TailEvent[] = [];
  const waiters: (() => void)[] = [];
  const tail = new FileTail(
    file,
    (e) => {
      events.push(e);
      for (const w of waiters.splice(0)) w();
    },
    { pollMs: 200, initialLines: 10 },
  );
  const lines = () => events.flatMap((e) => (e.kind === 'lines' ? e.lines : []));
  async function until(accept: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!accept()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events).slice(-500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
  return { tail, events, lines, until };
}

test('four tails on FIFOs do not stall the thread pool: a readFile beside them completes', async () => {
  const normal = path.join(dir, 'normal.txt');
  fs.writeFileSync(normal, 'still readable\n');
  const tails = [0, 1, 2, 3].map((i) => collect(mkfifo(path.join(dir, `fifo-${i}.log`))));
  // Not awaited one by one: before the fix each start() waited in open() for a writer that never came.
  const starts = Promise.all(tails.map((t) => t.tail.start()));
  try {
    assert.equal(await within(fs.promises.readFile(normal, 'utf8'), 10_000, 'readFile'), 'still readable\n');
    await within(starts, 10_000, 'starting the tails');
  } finally {
    releaseFifoReaders();
    await Promise.all(tails.map((t) => t.tail.stop()));
  }
  for (const [i, t] of tails.entries()) {
    assert.equal(t.tail.state, 'stopped');
    assert.deepEqual(
      t.events.filter((e) => e.kind === 'stopped'),
      [{ kind: 'stopped', reason: `fifo-${i}.log is a FIFO (named pipe), not a regular file` }],
    );
  }
});

test('a log replaced by a FIFO mid-tail stops with a visible reason', async () => {
  const file = path.join(dir, 'ftpsync.log');
  fs.writeFileSync(file, 'before\n');
  const t = collect(file);
  await t.tail.start();
  assert.deepEqual(t.lines(), ['before']);
  fs.appendFileSync(file, 'last line of the old file\n');
  const fifo = mkfifo(path.join(dir, 'ftpsync.log.fifo'));
  fs.renameSync(fifo, file);
  fifos.push(file);
  void t.tail.poke();
  try {
    await t.until(() => t.events.some((e) => e.kind === 'stopped'), 'the stopped event');
  } finally {
    releaseFifoReaders();
  }
  assert.equal(t.tail.state, 'stopped');
  assert.deepEqual(t.events.at(-1), {
    kind: 'stopped',
    reason: 'ftpsync.log is now a FIFO (named pipe), not a regular file',
  });
  // The old file was read to its end first, and no rotation was announced for a file never opened.
  assert.deepEqual(t.lines(), ['before', 'last line of the old file']);
  assert.equal(t.events.filter((e) => e.kind === 'rotated').length, 0);
  // Resuming checks again and says the same, instead of hanging.
  await within(t.tail.start(), 5000, 'resuming');
  assert.equal(t.tail.state, 'stopped');
  assert.equal(t.events.filter((e) => e.kind === 'stopped').length, 2);
  releaseFifoReaders();
});

test('a log replaced by a symlink to another file is followed there, and the tail says so', async () => {
  const file = path.join(dir, 'linked.log');
  const elsewhere = path.join(dir, 'elsewhere', 'other.log');
  fs.mkdirSync(path.dirname(elsewhere));
  fs.writeFileSync(file, 'own line\n');
  fs.writeFileSync(elsewhere, 'first line elsewhere\n');
  const t = collect(file);
  await t.tail.start();
  assert.equal(t.events.filter((e) => e.kind === 'link').length, 0, 'a plain file is no link');
  const link = path.join(dir, 'linked.log.new');
  fs.symlinkSync(elsewhere, link);
  fs.renameSync(link, file);
  await t.tail.poke();
  await t.until(() => t.lines().includes('first line elsewhere'), 'the target’s lines');
  assert.deepEqual(
    t.events.filter((e) => e.kind === 'link'),
    [{ kind: 'link', target: fs.realpathSync(elsewhere) }],
  );
  assert.equal(t.tail.state, 'following');
  fs.appendFileSync(elsewhere, 'appended elsewhere\n');
  await t.tail.poke();
  await t.until(() => t.lines().includes('appended elsewhere'), 'an append to the target');
  // The name turns back into a plain file: said once, followed as a rotation.
  fs.rmSync(file);
  fs.writeFileSync(file, 'plain again\n');
  await t.tail.poke();
  await t.until(() => t.lines().includes('plain again'), 'the new plain file');
  assert.deepEqual(t.events.filter((e) => e.kind === 'link').at(-1), { kind: 'link' });
  await t.tail.stop();
});

test('a tail started on a symlink names its target from the start', async () => {
  const target = path.join(dir, 'target.log');
  const link = path.join(dir, 'via-link.log');
  fs.writeFileSync(target, 'x\n');
  fs.symlinkSync(target, link);
  const t = collect(link);
  await t.tail.start();
  assert.deepEqual(t.events[0], { kind: 'link', target: fs.realpathSync(target) });
  assert.deepEqual(t.lines(), ['x']);
  await t.tail.stop();
});
