import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuthorizedKeys, parseAuthorizedKeysLine } from '../../../server/src/core/authkeys/parser';
import { BLOB, KEY } from './support';

test('a line splits into options, key type, base64 and comment with exact spans', () => {
  const text = `  restrict,command="~/bin/ftpsync \\"a,b\\"",from="192.0.2.10" ${KEY}\n`;
  const [line] = parseAuthorizedKeys(text).lines;
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  assert.deepEqual(line.issues, []);
  assert.deepEqual(
    line.options!.items.map((i) => i.spec?.name),
    ['restrict', 'command', 'from'],
  );
  assert.equal(line.options!.items[1].value, '~/bin/ftpsync "a,b"');
  assert.equal(slice(line.options!.items[1].valueSpan!), '~/bin/ftpsync \\"a,b\\"');
  assert.equal(slice(line.keyType!), 'ssh-ed25519');
  assert.equal(slice(line.blob!), BLOB);
  assert.equal(line.comment!.text, 'upstream@example.org');
  assert.ok(line.decoded?.ok);
});

test('comments, blank lines and CRLF are skipped; names are case-insensitive; empty items are fine', () => {
  const doc = parseAuthorizedKeys(`# upstream\r\n\r\n\t\r\nNO-PTY,,Command="x" ${KEY}\r\n`);
  assert.equal(doc.lines.length, 1);
  assert.equal(doc.comments.length, 1);
  assert.deepEqual(doc.lines[0].issues, []);
  assert.deepEqual(
    doc.lines[0].options!.items.map((i) => [i.spec?.name, i.negated]),
    [
      ['pty', true],
      ['command', false],
    ],
  );
  assert.equal(doc.lines[0].comment!.text, 'upstream@example.org');
});

test('prefix matches sshd reads as unknown: restricted, no-ptyx, pty="yes"', () => {
  for (const opt of ['restricted', 'no-ptyx', 'pty="yes"', 'no-restrict', 'no-command="x"']) {
    const line = parseAuthorizedKeysLine(`${opt} ${KEY}`)!;
    assert.equal(line.issues[0]?.rule, 'unknown-option', opt);
    assert.equal(line.keyType?.text, 'ssh-ed25519', opt);
  }
});

test('an unterminated quote swallows the rest of the line', () => {
  const line = parseAuthorizedKeysLine(`command="x ${KEY}`)!;
  assert.deepEqual(
    line.issues.map((i) => i.rule),
    ['unterminated-quote'],
  );
  assert.equal(line.issues[0].start, 8);
  assert.equal(line.keyType, undefined);
});

test('a space after a comma is found, and the key behind it still parsed', () => {
  const line = parseAuthorizedKeysLine(`no-pty, no-port-forwarding ${KEY}`)!;
  assert.equal(line.issues[0].rule, 'space-in-options');
  assert.deepEqual([line.issues[0].start, line.issues[0].end], [7, 8]);
  assert.equal(line.keyType?.text, 'ssh-ed25519');
});

test('a first word that tries to be a key type is read as one', () => {
  const line = parseAuthorizedKeysLine(`SSH-ED25519 ${BLOB}`)!;
  assert.equal(line.options, undefined);
  assert.equal(line.issues[0].rule, 'unknown-key-type');
  assert.equal(line.issues[0].fixes?.[0].edits[0].newText, 'ssh-ed25519');
});

test('parseAuthorizedKeysLine ignores comments and blanks, and tolerates a line break', () => {
  assert.equal(parseAuthorizedKeysLine('# x'), undefined);
  assert.equal(parseAuthorizedKeysLine('  '), undefined);
  assert.equal(parseAuthorizedKeysLine(`${KEY}\r\n`)?.comment?.text, 'upstream@example.org');
});
