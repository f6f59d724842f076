import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { FileReadError, readHeadSync, readRegularFile, readRegularFileSync } from '../../../server/src/node/files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-files-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof FileReadError, String(error));
    return error.problem;
  }
  return undefined;
}

async function asyncProblemOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof FileReadError, String(error));
    return error.problem;
  }
  return undefined;
}

test('a regular file is read whole, sync and async', async () => {
  const file = path.join(dir, 'plain');
  const body = 'x'.repeat(200_000);
  fs.writeFileSync(file, body);
  assert.equal(readRegularFileSync(file).toString(), body);
  assert.equal((await readRegularFile(file)).toString(), body);
  assert.equal(readHeadSync(file, 3)?.toString(), 'xxx');
});

test('a FIFO is refused at once instead of blocking the open', async () => {
  const fifo = path.join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  assert.equal(
    problemOf(() => readRegularFileSync(fifo)),
    'not-regular',
  );
  assert.equal(await asyncProblemOf(readRegularFile(fifo)), 'not-regular');
  assert.equal(readHeadSync(fifo, 3), undefined);
});

test('/dev/zero, a directory, a missing file and a file over the cap get their own reasons', async () => {
  assert.equal(
    problemOf(() => readRegularFileSync('/dev/zero')),
    'not-regular',
  );
  assert.equal(await asyncProblemOf(readRegularFile('/dev/zero')), 'not-regular');
  assert.equal(
    problemOf(() => readRegularFileSync(dir)),
    'directory',
  );
  assert.equal(
    problemOf(() => readRegularFileSync(path.join(dir, 'nope'))),
    'missing',
  );
  const big = path.join(dir, 'big');
  fs.writeFileSync(big, Buffer.alloc(4096));
  assert.equal(
    problemOf(() => readRegularFileSync(big, { maxBytes: 4095 })),
    'too-large',
  );
  assert.equal(await asyncProblemOf(readRegularFile(big, { maxBytes: 4095 })), 'too-large');
  assert.equal(readRegularFileSync(big, { maxBytes: 4096 }).length, 4096);
  assert.match(
    (() => {
      try {
        readRegularFileSync('/dev/zero');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })(),
    /\/dev\/zero is a character device, not a regular file/,
  );
});
