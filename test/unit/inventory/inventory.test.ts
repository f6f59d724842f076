import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { crossCheck, parseInventory } from '../../../src/engine/inventory/inventory';

const FIXTURE = path.resolve(__dirname, '../../fixtures/archvsync-home/pushmirror.yaml');

describe('pushmirror.yaml inventory', () => {
  it('reads the fixture inventory without problems', () => {
    const inv = parseInventory(readFileSync(FIXTURE, 'utf8'));
    assert.deepEqual(inv.problems, []);
    assert.equal(inv.defaults.user, 'archvsync');
    assert.deepEqual(inv.entries.get('eu.one')?.log, { path: '/srv/mirror/log/ftpsync.log' });
    assert.deepEqual(inv.entries.get('eu.lab')?.signal, { kind: 'command', command: 'sleep 1' });
    assert.equal(inv.entries.get('eu.lab')?.port, 2222);
  });

  it('reads a remote log location with its own identity', () => {
    const text = [
      'version: 1',
      'downstreams:',
      '  eu.one:',
      '    host: mirror.example.org',
      '    log:',
      '      path: ~/log/ftpsync.log',
      '      user: logs',
      '      identityFile: ~/.ssh/pushmirror-logs',
      '',
    ].join('\n');
    const inv = parseInventory(text);
    assert.deepEqual(inv.problems, []);
    assert.deepEqual(inv.entries.get('eu.one')?.log, {
      path: '~/log/ftpsync.log',
      user: 'logs',
      identityFile: '~/.ssh/pushmirror-logs',
    });
  });

  it('points at the exact value that is wrong', () => {
    const text = [
      'version: 1',
      'downstreams:',
      '  eu.one:',
      '    port: 70000',
      '    type: stged',
      '    traceUrl: ftp://x',
      '    signal: ssh',
      '    dispalyName: One',
      '',
    ].join('\n');
    const { problems } = parseInventory(text);
    const at = (p: { start: number; end: number }) => text.slice(p.start, p.end);
    assert.deepEqual(
      problems.map((p) => [at(p), p.severity]),
      [
        ['70000', 'error'],
        ['stged', 'error'],
        ['ftp://x', 'error'],
        ['ssh', 'error'],
        ['dispalyName', 'warning'],
      ],
    );
    assert.match(problems[4].message, /displayName/);
  });

  it('reports YAML syntax errors and duplicate keys in range, never throws', () => {
    for (const text of ['downstreams: [', 'a: 1\na: 2\n', ':', '\t- x', '']) {
      const { problems } = parseInventory(text);
      for (const p of problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end);
    }
    assert.ok(parseInventory('downstreams:\n  a: {}\n  a: {}\n').problems.length > 0);
  });

  it('asks inventory-only downstreams for a host and user', () => {
    const inv = parseInventory('downstreams:\n  lab: { host: lab.example.org }\n  eu.one: {}\n');
    const problems = crossCheck(inv, new Set(['eu.one']));
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /lab .* user/);
  });

  it('agrees with the JSON schema on the keys it knows', () => {
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/pushmirror.schema.json'), 'utf8'));
    const keys = Object.keys(schema.definitions.downstream.properties).sort();
    const text = `downstreams:\n  x:\n${keys.map((k) => `    ${k}: ${k === 'port' ? 22 : k === 'type' ? 'all' : k === 'traceUrl' ? 'http://x.example.org/t' : k === 'signal' ? 'archvsync' : 'v'}`).join('\n')}\n`;
    assert.deepEqual(parseInventory(text).problems, []);
    assert.deepEqual(Object.keys(schema.properties).sort(), ['defaults', 'downstreams', 'version']);
  });
});
