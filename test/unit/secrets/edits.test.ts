import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendSecretLine, insertColonEdit } from '../../../server/src/core/secrets/edits';
import { parseSecrets } from '../../../server/src/core/secrets/parser';
import { generatePassword } from '../../../src/engine/accounts/secrets';

const apply = (text: string, e: { start: number; end: number; newText: string }) =>
  text.slice(0, e.start) + e.newText + text.slice(e.end);

test('appendSecretLine: a new last line in the file own line breaks, cursor after the password', () => {
  const password = generatePassword();
  assert.ok(password.length >= 20);
  for (const [text, eol] of [
    ['joe:pw\n', '\n'],
    ['joe:pw', '\n'],
    ['', '\n'],
    ['joe:pw\r\nann:pw\r\n', '\r\n'],
  ]) {
    const { edit, cursor } = appendSecretLine(text, 'eu3', password);
    const after = apply(text, edit);
    assert.ok(after.endsWith(`eu3:${password}${eol}`), JSON.stringify(after));
    assert.equal(after.slice(cursor - password.length - 4, cursor), `eu3:${password}`);
    // rsync reads exactly that user and password back.
    const entry = parseSecrets(after).entries.find((e) => e.name === 'eu3')!;
    assert.equal(after.slice(entry.passwordSpan.start, entry.passwordSpan.end), password);
  }
  assert.throws(() => appendSecretLine('', 'a:b', 'x'));
  assert.throws(() => appendSecretLine('', 'a', 'x\ny'));
});

test('insertColonEdit: the blanks after the first word become the colon', () => {
  const text = 'eu3 \tTr1ckyNoColon';
  const r = insertColonEdit(text, { start: 0, end: text.length })!;
  assert.equal(r.user, 'eu3');
  assert.equal(apply(text, r.edit), 'eu3:Tr1ckyNoColon');
  assert.equal(insertColonEdit('OnlyAPassword', { start: 0, end: 13 }), undefined);
  assert.equal(insertColonEdit(' eu3 pw', { start: 0, end: 7 }), undefined);
});
