import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { inventoryKeyEdit, keyFileChange, yamlScalar, type KeyTarget } from '../../../src/engine/keys/inventoryKey';
import { parseInventory } from '../../../src/engine/inventory/inventory';

function record(text: string, target: KeyTarget, keyFile: string): string {
  const result = inventoryKeyEdit(text, target, keyFile);
  assert.ok('edit' in result, 'error' in result ? result.error : '');
  const { start, end, newText } = result.edit;
  const out = text.slice(0, start) + newText + text.slice(end);
  assert.deepEqual(parseDocument(out).errors, [], out);
  return out;
}

const BLOCK = [
  '# Downstreams of this upstream',
  'version: 1',
  'defaults:',
  '  user: archvsync # every host',
  'downstreams:',
  '  eu.one:',
  '    host: one.example.org',
  '    log:',
  '      path: ~/log/ftpsync.log',
  '      host: one.example.org',
  '  us.two: { host: two.example.org, type: staged }',
  '  lab: {}',
  '',
].join('\n');

test('records keyFile in defaults, keeping every other byte', () => {
  const out = record(BLOCK, { scope: 'defaults' }, '/home/mirror/.ssh/pushmirror');
  assert.equal(
    out,
    BLOCK.replace(
      '  user: archvsync # every host\n',
      '  user: archvsync # every host\n  keyFile: /home/mirror/.ssh/pushmirror\n',
    ),
  );
  assert.equal(parseInventory(out).defaults.keyFile, '/home/mirror/.ssh/pushmirror');
});

test('records keyFile in a block downstream after a nested block, and in flow downstreams', () => {
  const block = record(BLOCK, { scope: 'downstream', name: 'eu.one' }, '~/.ssh/eu');
  assert.match(block, /      host: one\.example\.org\n    keyFile: ~\/\.ssh\/eu\n  us\.two:/);
  assert.equal(parseInventory(block).entries.get('eu.one')?.keyFile, '~/.ssh/eu');
  const flow = record(BLOCK, { scope: 'downstream', name: 'us.two' }, '/k');
  assert.match(flow, /us\.two: \{ host: two\.example\.org, type: staged, keyFile: \/k \}/);
  const empty = record(BLOCK, { scope: 'downstream', name: 'lab' }, '/k');
  assert.match(empty, /lab: \{ keyFile: \/k \}/);
});

test('replaces an existing keyFile value; adds defaults when there are none', () => {
  const text = 'version: 1\ndownstreams:\n  a: { host: a.example.org, keyFile: "/old key" }\n';
  assert.equal(
    record(text, { scope: 'downstream', name: 'a' }, '/new'),
    'version: 1\ndownstreams:\n  a: { host: a.example.org, keyFile: /new }\n',
  );
  assert.equal(
    record(text, { scope: 'defaults' }, '/k'),
    'version: 1\ndefaults:\n  keyFile: /k\ndownstreams:\n  a: { host: a.example.org, keyFile: "/old key" }\n',
  );
});

test('quotes what YAML would read otherwise; refuses broken files and unknown downstreams without editing', () => {
  assert.equal(yamlScalar('/home/m/.ssh/pushmirror'), '/home/m/.ssh/pushmirror');
  assert.equal(yamlScalar('/home/m/my key'), '"/home/m/my key"');
  assert.equal(yamlScalar('yes'), '"yes"');
  assert.equal(yamlScalar('#x'), '"#x"');
  const spaced = record(
    'version: 1\ndownstreams:\n  a:\n    host: a.example.org\n',
    { scope: 'downstream', name: 'a' },
    '/home/m/my key: x',
  );
  assert.equal(parseInventory(spaced).entries.get('a')?.keyFile, '/home/m/my key: x');
  assert.match(
    (inventoryKeyEdit('downstreams: [\n', { scope: 'defaults' }, '/k') as { error: string }).error,
    /YAML errors/,
  );
  assert.match(
    (inventoryKeyEdit(BLOCK, { scope: 'downstream', name: 'nope' }, '/k') as { error: string }).error,
    /no downstream `nope`/,
  );
});

test('recording a key names the keyFile it replaces and the downstreams whose key changes', () => {
  const text = [
    'version: 1',
    'defaults:',
    '  keyFile: ~/.ssh/pushmirror',
    'downstreams:',
    '  eu.one: { host: one.example.org }',
    '  eu.two: { host: two.example.org, keyFile: ~/.ssh/two }',
    '  eu.three: { host: three.example.org }',
    '',
  ].join('\n');
  const inventory = parseInventory(text);
  assert.deepEqual(keyFileChange(inventory, { scope: 'defaults' }), {
    current: '~/.ssh/pushmirror',
    affected: ['eu.one', 'eu.three'],
  });
  assert.deepEqual(keyFileChange(inventory, { scope: 'downstream', name: 'eu.two' }), {
    current: '~/.ssh/two',
    affected: ['eu.two'],
  });
  // A downstream without its own keyFile is signalled with the defaults' today: that key is replaced for it.
  assert.deepEqual(keyFileChange(inventory, { scope: 'downstream', name: 'eu.one' }), {
    current: '~/.ssh/pushmirror',
    affected: ['eu.one'],
  });
  assert.deepEqual(
    keyFileChange(parseInventory('version: 1\ndownstreams:\n  a: {host: a.example.org}\n'), { scope: 'defaults' }),
    {
      affected: ['a'],
    },
  );
});
