import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogBuffer } from '../../../src/engine/logs/buffer';

test('keeps only the newest lines while counting everything seen', () => {
  const b = new LogBuffer(3);
  b.append(['a', 'rsync error: x (code 23)', 'b']);
  assert.equal(b.lastErrorLine, 1);
  b.append(['c', 'd']);
  assert.equal(b.text(), 'b\nc\nd\n');
  assert.equal(b.errors, 1);
  assert.equal(b.lastErrorLine, undefined, 'the error line was dropped');
  b.append(['WARNING: slow', 'ERROR: failed']);
  assert.deepEqual(
    { errors: b.errors, warnings: b.warnings, last: b.lastErrorLine, count: b.lineCount },
    { errors: 2, warnings: 1, last: 2, count: 3 },
  );
  assert.equal(b.previousError(2), undefined);
});

test('memory stays bounded: 100,000 appended lines keep only the capacity', () => {
  const b = new LogBuffer(1000);
  for (let i = 0; i < 1000; i++) b.append(Array.from({ length: 100 }, (_, j) => `line ${i * 100 + j}`));
  assert.equal(b.lineCount, 1000);
  assert.match(b.text(), /^line 99000\n[\s\S]*line 99999\n$/);
});
