import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { FileTail, type TailEvent } from '../../../src/engine/logs/tail';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-tail-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A tail whose events are collected; `until` waits on events (bounded), it never sleeps blindly. */
function collect(file: string, options = {}) {
  const events: TailEvent[] = [];
  const waiters: (() => void)[] = [];
  const tail = new FileTail(
    file,
    (e) => {
      events.push(e);
      for (const w of waiters.splice(0)) w();
    },
    { pollMs: 200, ...options },
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

test('opens at the last N lines without reading the file from the start', async () => {
  const file = path.join(dir, 'big.log');
  fs.writeFileSync(file, Array.from({ length: 50000 }, (_, i) => `line ${i}`).join('\n') + '\n');
  const { tail, lines } = collect(file, { initialLines: 3 });
  await tail.start();
  assert.deepEqual(lines(), ['line 49997', 'line 49998', 'line 49999']);
  await tail.stop();
});

test('a file without a final newline shows its last complete lines and completes the partial one later', async () => {
  const file = path.join(dir, 'partial.log');
  fs.writeFileSync(file, 'a\nb\nc');
  const t = collect(file, { initialLines: 2 });
  await t.tail.start();
  assert.deepEqual(t.lines(), ['b']);
  fs.appendFileSync(file, 'd\n');
  await t.until(() => t.lines().includes('cd'), 'the completed line');
  await t.tail.stop();
});

test('follows appends quickly', async () => {
  const file = path.join(dir, 'append.log');
  fs.writeFileSync(file, 'first\n');
  const t = collect(file);
  await t.tail.start();
  const started = Date.now();
  fs.appendFileSync(file, 'second\nthird\n');
  await t.until(() => t.lines().includes('third'), 'appended lines');
  assert.ok(Date.now() - started < 1000, `append seen after ${Date.now() - started} ms`);
  assert.deepEqual(t.lines(), ['first', 'second', 'third']);
  await t.tail.stop();
});

test('survives truncation: reports it and reads the new content from the start', async () => {
  const file = path.join(dir, 'trunc.log');
  fs.writeFileSync(file, 'old 1\nold 2\nold 3\n');
  const t = collect(file);
  await t.tail.start();
  fs.writeFileSync(file, 'new\n');
  await t.until(() => t.lines().includes('new'), 'content after truncation');
  assert.ok(t.events.some((e) => e.kind === 'truncated'));
  await t.tail.stop();
});

test('survives savelog rotation: drains the old file, then follows the new one', async () => {
  const file = path.join(dir, 'ftpsync.log');
  fs.writeFileSync(file, 'before\n');
  const t = collect(file);
  await t.tail.start();
  fs.appendFileSync(file, 'last words\n');
  fs.renameSync(file, `${file}.0`);
  fs.writeFileSync(file, 'fresh start\n');
  await t.until(() => t.lines().includes('fresh start'), 'the new file');
  assert.deepEqual(t.lines(), ['before', 'last words', 'fresh start']);
  assert.ok(t.events.some((e) => e.kind === 'rotated'));
  fs.appendFileSync(file, 'more\n');
  await t.until(() => t.lines().includes('more'), 'appends to the new file');
  await t.tail.stop();
});

test('a missing file is waited for and read from its start when it appears', async () => {
  const file = path.join(dir, 'later.log');
  const t = collect(file);
  await t.tail.start();
  assert.equal(t.tail.state, 'waiting');
  fs.writeFileSync(file, 'hello\n');
  await t.until(() => t.lines().includes('hello'), 'the new file');
  assert.equal(t.tail.state, 'following');
  await t.tail.stop();
});

test('huge lines and invalid UTF-8 do not break following', async () => {
  const file = path.join(dir, 'junk.log');
  fs.writeFileSync(file, '');
  const t = collect(file, { maxLineChars: 1000 });
  await t.tail.start();
  fs.appendFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(3 * 1024 * 1024, 0x41),
      Buffer.from([0x0a, 0xc3, 0x28, 0x00, 0x0a]),
      Buffer.from('after\n'),
    ]),
  );
  await t.until(() => t.lines().includes('after'), 'the line after the junk');
  const [huge, junk] = t.lines();
  assert.equal(huge, `${'A'.repeat(1000)} … [${3 * 1024 * 1024 - 1000} more characters]`);
  assert.equal(junk, '\ufffd(\u2400');
  await t.tail.stop();
});

test('stop and resume: nothing is delivered while stopped; resuming catches up without repeating lines', async () => {
  const file = path.join(dir, 'resume.log');
  fs.writeFileSync(file, 'x\ny\na\n');
  const t = collect(file, { initialLines: 2 });
  await t.tail.start();
  fs.appendFileSync(file, 'half');
  await t.tail.poke();
  await t.tail.stop();
  fs.appendFileSync(file, ' done\nb\n');
  await t.tail.poke();
  assert.deepEqual(t.lines(), ['y', 'a']);
  await t.tail.start();
  assert.deepEqual(t.lines(), ['y', 'a', 'half done', 'b']);
  await t.tail.stop();
});

test('resuming after the log was rotated meanwhile starts over at the last lines of the new file', async () => {
  const file = path.join(dir, 'resume-rotated.log');
  fs.writeFileSync(file, 'old\n');
  const t = collect(file, { initialLines: 5 });
  await t.tail.start();
  await t.tail.stop();
  fs.renameSync(file, `${file}.0`);
  fs.writeFileSync(file, 'new 1\nnew 2\n');
  await t.tail.start();
  assert.deepEqual(t.lines(), ['old', 'new 1', 'new 2']);
  await t.tail.stop();
});
