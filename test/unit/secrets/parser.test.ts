import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describePassword, parseSecrets } from '../../../server/src/core/secrets/parser';

test('entries, comments, blank lines and lines without a colon', () => {
  const doc = parseSecrets('# comment\n\njoe:pw\n@staff:x\nbroken\n  # indented comment\n');
  assert.deepEqual(
    doc.lines.map((l) => l.kind),
    ['comment', 'blank', 'entry', 'entry', 'no-colon', 'comment', 'blank'],
  );
  const [joe, staff] = doc.entries;
  assert.equal(joe.name, 'joe');
  assert.equal(joe.isGroup, false);
  assert.equal(staff.group, 'staff');
  assert.equal(doc.text.slice(joe.passwordSpan.start, joe.passwordSpan.end), 'pw');
});

test('CRLF: the line ends at the first CR, like strtok(line, "\\n\\r")', () => {
  const doc = parseSecrets('joe:pw\r\nann:a\rtail\n\r\rbob:b\n');
  const [joe, ann, bob] = doc.entries;
  assert.equal(doc.text.slice(joe.passwordSpan.start, joe.passwordSpan.end), 'pw');
  assert.equal(doc.text.slice(ann.passwordSpan.start, ann.passwordSpan.end), 'a');
  // Leading CRs are skipped delimiters: the line is read from `bob`.
  assert.equal(bob.name, 'bob');
  assert.equal(bob.lineStart < bob.span.start, true);
});

test('the password is everything after the first colon, blanks and colons included', () => {
  const doc = parseSecrets('joe:a:b #c \t\n');
  const [joe] = doc.entries;
  assert.equal(joe.name, 'joe');
  assert.deepEqual(describePassword(doc.text, joe), { length: 8, trailingBlanks: 2 });
});

test('byte length counts UTF-8, which is what the 1023-byte buffer sees', () => {
  const doc = parseSecrets('joe:\u00e9\u00e9\n');
  assert.equal(doc.lines[0].bytes, 8);
});
