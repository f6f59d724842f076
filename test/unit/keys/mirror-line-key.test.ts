import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mirrorLineKeyEdit } from '../../../src/engine/keys/mirrorLineKey';
import { keyfileEdit } from '../../../src/engine/keys/runmirrorsConf';
import { isDelay } from '../../../src/engine/ssh/downstream';
import { planFromMirrorList } from '../../../src/engine/ssh/mirrorList';

const LIST = [
  '# downstreams',
  'all eu.one one.example.org archvsync',
  'all eu.two two.example.org archvsync 2 /home/up/.ssh/old',
  'staged eu.three three.example.org archvsync -p 2222',
  'mhop eu.four ssh+ftpsync://archvsync@four.example.org/debian',
  '',
].join('\n');

const apply = (text: string, e: { start: number; end: number; newText: string }) =>
  text.slice(0, e.start) + e.newText + text.slice(e.end);

/** Key files each downstream is signalled with, as runmirrors (and our faithful plan) reads the list. */
const keys = (text: string, master: string) =>
  Object.fromEntries(
    planFromMirrorList(text, master).entries.flatMap((e) => (isDelay(e) ? [] : [[e.name, e.keyFiles]])),
  );

describe('recording a key for one downstream in runmirrors.mirror', () => {
  it('adds the old-style `2 KEY` field to a line without one: only that downstream changes key', () => {
    const r = mirrorLineKeyEdit(LIST, 'eu.one', '/home/up/.ssh/pushmirror-2');
    assert.ok('edit' in r);
    const after = apply(LIST, r.edit);
    assert.match(after, /^all eu\.one one\.example\.org archvsync 2 \/home\/up\/\.ssh\/pushmirror-2$/m);
    assert.deepEqual(keys(after, '/home/up/.ssh/pushmirror'), {
      'eu.one': ['/home/up/.ssh/pushmirror-2'],
      'eu.two': ['/home/up/.ssh/old'],
      'eu.three': ['/home/up/.ssh/pushmirror'],
      'eu.four': ['/home/up/.ssh/pushmirror'],
    });
  });

  it('replaces the key of an old-style line, and protocol 1 with 2', () => {
    const r = mirrorLineKeyEdit(LIST, 'eu.two', '/k/new');
    assert.ok('edit' in r);
    assert.match(apply(LIST, r.edit), /^all eu\.two two\.example\.org archvsync 2 \/k\/new$/m);
    const one = 'all x h u 1 /k/old\n';
    const r1 = mirrorLineKeyEdit(one, 'x', '/k/new');
    assert.ok('edit' in r1);
    assert.equal(apply(one, r1.edit), 'all x h u 2 /k/new\n');
  });

  it('keeps a CRLF line ending and the other lines byte for byte', () => {
    const text = 'all a h u\r\nall b h u\r\n';
    const r = mirrorLineKeyEdit(text, 'a', '/k/n');
    assert.ok('edit' in r);
    assert.equal(apply(text, r.edit), 'all a h u 2 /k/n\r\nall b h u\r\n');
  });

  it('refuses lines runmirrors would still sign with KEYFILE, and unsafe paths', () => {
    assert.match((mirrorLineKeyEdit(LIST, 'eu.three', '/k') as { error: string }).error, /ssh options \(-p 2222\)/);
    assert.match((mirrorLineKeyEdit(LIST, 'eu.four', '/k') as { error: string }).error, /URL/);
    assert.match((mirrorLineKeyEdit(LIST, 'eu.nine', '/k') as { error: string }).error, /no line for eu\.nine/);
    assert.match((mirrorLineKeyEdit(LIST, 'eu.one', '/my keys/k') as { error: string }).error, /unquoted/);
    assert.match((mirrorLineKeyEdit('all a h u\nall a h2 u\n', 'a', '/k') as { error: string }).error, /a has 2 lines/);
  });
});

describe('recording KEYFILE in runmirrors.conf', () => {
  it('replaces the active assignment and shows nothing else', () => {
    const conf = 'MAILTO=x\nKEYFILE=.ssh/pushmirror\nLOGDIR=/l\n';
    const e = keyfileEdit(conf, '/home/up/.ssh/pushmirror-2');
    assert.equal(apply(conf, e), 'MAILTO=x\nKEYFILE=/home/up/.ssh/pushmirror-2\nLOGDIR=/l\n');
  });
});
