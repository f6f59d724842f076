import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsService } from '../../../server/src/core/secrets/service';
import { CONF_PATH, ctxWith } from './helpers';

const CONF =
  '[debian]\n  auth users = @staff:ro, joe:rw, eve:deny, ann, bob\n  secrets file = rsyncd.secrets\n[ftp]\n  auth users = joe:ro\n  secrets file = /srv/example/rsyncd.secrets\n';
const TEXT = 'joe:Pa55-word \neve:Eve-Secret\n@staff:Staff-Secret\njoe:Other-Secret\n';

test('hover: user, modules and rules; the password only as a length', () => {
  const hover = secretsService.hover!(TEXT, 1, ctxWith(CONF))!;
  assert.equal(TEXT.slice(hover.start, hover.end), 'joe:');
  assert.match(hover.markdown, /rsync secrets line for user `joe`/);
  assert.match(hover.markdown, /Password: 10 characters, ending in 1 whitespace character that counts as part of it/);
  assert.match(
    hover.markdown,
    /`\[debian\]` \(rsyncd\.conf\): let in by `joe:rw` \(read-write\); an earlier `@staff:ro` rule decides/,
  );
  assert.match(hover.markdown, /`\[ftp\]` \(rsyncd\.conf\): let in by `joe:ro` \(read-only\)/);
  assert.doesNotMatch(hover.markdown, /Pa55/);
});

test('hover: denied users, group lines, never-read duplicates, files no module uses', () => {
  const at = (s: string) => secretsService.hover!(TEXT, TEXT.indexOf(s), ctxWith(CONF))!.markdown;
  assert.match(at('eve:'), /denied by `eve:deny`/);
  assert.match(at('eve:'), /`\[ftp\]` \(rsyncd\.conf\): no rule matches `eve`/);
  assert.match(at('@staff'), /`\[debian\]` \(rsyncd\.conf\): read for members let in by `@staff:ro` \(read-only\)/);
  assert.match(at('joe:Other'), /Never read: line 1 is the first `joe:` line/);
  assert.match(
    secretsService.hover!('joe:\n', 0, ctxWith())!.markdown,
    /Password: \*\*empty\*\*[\s\S]*No rsyncd\.conf in the workspace/,
  );
  assert.equal(secretsService.hover!('# x\n', 1, ctxWith(CONF)), undefined);
});

test('symbols: one per line with a name, names only', () => {
  const symbols = secretsService.symbols!(TEXT);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind]),
    [
      ['joe', 'key'],
      ['eve', 'key'],
      ['@staff', 'namespace'],
      ['joe', 'key'],
    ],
  );
  for (const s of symbols) assert.doesNotMatch(JSON.stringify(s), /Secret|Pa55/);
});

test('completion: names from auth users that have no line yet, inserted with a colon', () => {
  const text = 'joe:x\n\nb';
  const items = secretsService.complete!(text, text.length, ctxWith(CONF));
  assert.deepEqual(items.map((i) => i.label).sort(), ['@staff', 'ann', 'bob']);
  const bob = items.find((i) => i.label === 'bob')!;
  assert.equal(bob.insertText, 'bob:');
  assert.deepEqual(bob.range, { start: 7, end: 8 });
  assert.match(bob.detail ?? '', /\[debian\]/);
  // After the colon (in the password) nothing is offered; before an existing colon only the name is inserted.
  assert.deepEqual(secretsService.complete!('bo:pw', 4, ctxWith(CONF)), []);
  assert.equal(secretsService.complete!('bo:pw', 1, ctxWith(CONF)).find((i) => i.label === 'bob')?.insertText, 'bob');
});

test('definition: from a secrets line to the auth users rule that decides', () => {
  const locations = secretsService.definition!(TEXT, 1, ctxWith(CONF));
  assert.deepEqual(
    locations.map((l) => [l.target, CONF.slice(l.start, l.end)]),
    [
      [CONF_PATH, 'joe:rw'],
      [CONF_PATH, 'joe:ro'],
    ],
  );
  const group = secretsService.definition!(TEXT, TEXT.indexOf('@staff'), ctxWith(CONF));
  assert.deepEqual(
    group.map((l) => CONF.slice(l.start, l.end)),
    ['@staff:ro'],
  );
});
