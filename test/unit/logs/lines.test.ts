import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyLine, LineStats } from '../../../src/engine/logs/classify';
import { LineAssembler, sanitize } from '../../../src/engine/logs/lines';

test('a UTF-8 character split across two reads stays whole', () => {
  const bytes = Buffer.from('Grüße aus Köln\n', 'utf8');
  const a = new LineAssembler();
  const split = bytes.indexOf(0xc3) + 1; // inside the two-byte ü
  assert.deepEqual(a.push(bytes.subarray(0, split)), []);
  assert.deepEqual(a.push(bytes.subarray(split)), ['Grüße aus Köln']);
});

test('invalid UTF-8 and binary junk become visible replacement characters, never escape sequences', () => {
  const a = new LineAssembler();
  const [line] = a.push(Buffer.from([0x6f, 0x6b, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x07, 0x0a]));
  assert.equal(line, 'ok\ufffd\ufffd\u241b[2J\u2400\u2407');
  assert.doesNotMatch(line, /[\x00-\x08\x1b]/);
  assert.equal(sanitize('tab\tkept'), 'tab\tkept');
});

test('CRLF endings are removed; a lone CR inside a line is shown', () => {
  assert.deepEqual(new LineAssembler().push(Buffer.from('a\r\nb\rc\n')), ['a', 'b\u240dc']);
});

test('a huge line is cut with a count of what was left out, and memory stays bounded', () => {
  const a = new LineAssembler(100);
  for (let i = 0; i < 1000; i++) assert.deepEqual(a.push(Buffer.alloc(1000, 0x78)), []);
  const [line] = a.push(Buffer.from('\nnext\n'));
  assert.equal(line, `${'x'.repeat(100)} … [${1000 * 1000 - 100} more characters]`);
});

test('flush returns an unterminated last line once', () => {
  const a = new LineAssembler();
  assert.deepEqual(a.push(Buffer.from('done\npartial')), ['done']);
  assert.equal(a.flush(), 'partial');
  assert.equal(a.flush(), undefined);
});

test('ftpsync and rsync lines are classified as they are meant', () => {
  assert.equal(
    classifyLine('Nov 23 10:00:01 mirror ftpsync[123]: Sync step 1 went wrong, got errorcode 23. Logfile: x'),
    'error',
  );
  assert.equal(
    classifyLine('rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338)'),
    'error',
  );
  assert.equal(
    classifyLine(
      'Nov 23 10:00:01 mirror runmirrors[5]: Missing Pushlockfile /x/a.stage1 after waiting for more than 600 seconds, continuing',
    ),
    'warning',
  );
  assert.equal(classifyLine('Nov 23 10:00:01 mirror ftpsync[123]: Mirrorsync start'), 'info');
  const stats = new LineStats();
  stats.add(['ok', 'rsync error: x (code 12)', 'ok', 'WARNING: y', 'rsync error: z (code 23)', 'ok']);
  assert.deepEqual({ ...stats }, { lines: 6, errors: 2, warnings: 1, lastErrorLine: 4 });
});
