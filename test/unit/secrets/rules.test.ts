import assert from 'node:assert/strict';
import { test } from 'node:test';
import { covered, problems } from './helpers';

test('a file that works as written has no problems', () => {
  assert.deepEqual(problems('# mirror pushers\njoe:s3cret\r\nann:other-pw\n\n'), []);
});

test('secrets/no-colon: reported on the line, which is never quoted', () => {
  const text = 'joe:pw\nhunter2\n';
  const [p] = problems(text, {}, 'secrets/no-colon');
  assert.equal(text.slice(p.start, p.end), 'hunter2');
  assert.doesNotMatch(p.message, /hunter2/);
});

test('secrets/empty-user', () => {
  assert.deepEqual(covered(':pw\n@:pw\n', {}, 'secrets/empty-user'), [':', '@:']);
});

test('secrets/leading-whitespace: reported with a fix that removes the blanks', () => {
  const text = '  joe:pw\n\tann:x\n';
  const found = problems(text, {}, 'secrets/leading-whitespace');
  assert.deepEqual(
    found.map((p) => text.slice(p.start, p.end)),
    ['  joe', '\tann'],
  );
  assert.match(found[0].message, /`joe:`/);
  assert.deepEqual(found[0].fixes?.[0].edits, [{ start: 0, end: 2, newText: '' }]);
});

test('secrets/leading-whitespace: a byte order mark before the first name (daemon case `bom`)', () => {
  const text = '\uFEFFjoe:pw\nann:x\n';
  const [p, ...rest] = problems(text, {});
  assert.equal(rest.length, 0);
  assert.equal(p.code, 'secrets/leading-whitespace');
  assert.match(p.message, /byte order mark .* before `joe`/);
  assert.deepEqual(p.fixes?.[0].edits, [{ start: 0, end: 1, newText: '' }]);
  // A comment behind the mark is still a comment, and a blank line still blank.
  assert.deepEqual(problems('\uFEFF# users\njoe:pw\n', {}), []);
  assert.deepEqual(problems('\uFEFF\njoe:pw\n', {}), []);
});

test('secrets/space-before-colon', () => {
  const text = 'joe :pw\n';
  const [p] = problems(text, {}, 'secrets/space-before-colon');
  assert.equal(text.slice(p.start, p.end), ' ');
  assert.match(p.message, /`joe`/);
});

test('secrets/trailing-whitespace: only the blanks are covered; CRLF is not trailing whitespace', () => {
  const text = 'joe:pw  \nann:pw\r\nbob:\t\n';
  assert.deepEqual(covered(text, {}, 'secrets/trailing-whitespace'), ['  ', '\t']);
  const [p] = problems(text, {}, 'secrets/trailing-whitespace');
  assert.match(p.message, /2 trailing whitespace characters are part of `joe`'s password/);
  assert.doesNotMatch(p.message, /pw/);
});

test('secrets/empty-password', () => {
  const text = 'joe:\nann:x\n';
  const [p, ...rest] = problems(text, {}, 'secrets/empty-password');
  assert.equal(rest.length, 0);
  assert.equal(text.slice(p.start, p.end), 'joe:');
  assert.equal(p.severity, 'warning');
});

test('secrets/duplicate-user: the later line is flagged, passwords are compared but never shown', () => {
  const text = 'joe:first-secret\nann:x\njoe:second-secret\n@g:a\n@g:a\n';
  const found = problems(text, {}, 'secrets/duplicate-user');
  assert.deepEqual(
    found.map((p) => text.slice(p.start, p.end)),
    ['joe', '@g'],
  );
  assert.match(found[0].message, /already has a line \(line 1\).*never works/);
  assert.match(found[1].message, /redundant/);
  assert.equal(found[1].unnecessary, true);
  for (const p of found) assert.doesNotMatch(p.message, /secret|:a/);
  const edit = found[0].fixes![0].edits[0];
  assert.equal(text.slice(0, edit.start) + text.slice(edit.end), 'joe:first-secret\nann:x\n@g:a\n@g:a\n');
});

test('secrets/duplicate-user: names that differ in case or leading blanks are different users', () => {
  assert.deepEqual(problems('joe:a\nJoe:b\n joe:c\n', {}, 'secrets/duplicate-user'), []);
});

test('secrets/group-line: informs how @group lines are used', () => {
  const text = '@staff:pw\n';
  const [p] = problems(text, {}, 'secrets/group-line');
  assert.equal(p.severity, 'information');
  assert.equal(text.slice(p.start, p.end), '@staff');
  assert.match(p.message, /members of group `staff` on the daemon host/);
});

test('secrets/line-too-long: more than 1023 bytes', () => {
  assert.deepEqual(problems(`joe:${'x'.repeat(1019)}\n`, {}, 'secrets/line-too-long'), []);
  const [p] = problems(`joe:${'x'.repeat(1020)}\n`, {}, 'secrets/line-too-long');
  assert.match(p.message, /1024 bytes/);
  assert.doesNotMatch(p.message, /xxx/);
});

test('rule levels can be changed or switched off', async () => {
  const { secretsService } = await import('../../../server/src/core/secrets/service');
  assert.equal(
    secretsService.validate('joe:', {}, { levels: { 'secrets/empty-password': 'error' } })[0].severity,
    'error',
  );
  assert.deepEqual(secretsService.validate('joe:', {}, { levels: { 'secrets/empty-password': 'off' } }), []);
});
