import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { languageForPath, serviceFor } from '../../../server/src/core/catalogue';
import { ENTRY_DOCS, LOG_DOCS, TOP_DOCS } from '../../../server/src/core/inventory/docs';
import { inventoryService } from '../../../server/src/core/inventory/service';
import type { CheckContext, HostAccess, WorkspaceDocument } from '../../../server/src/core/types';

const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/pushmirror.schema.json'), 'utf8'));
const FIXTURE = readFileSync(path.resolve(__dirname, '../../fixtures/archvsync-home/pushmirror.yaml'), 'utf8');
const LIST = readFileSync(path.resolve(__dirname, '../../fixtures/archvsync-home/etc/runmirrors.mirror'), 'utf8');

const list = (text: string): WorkspaceDocument => ({
  uri: 'file:///h/etc/runmirrors.mirror',
  path: '/h/etc/runmirrors.mirror',
  languageId: 'runmirrors-mirror',
  text,
});
const host = {} as HostAccess;
const codes = (text: string, ctx: CheckContext = {}) =>
  inventoryService.validate(text, ctx).map((p) => [p.code, text.slice(p.start, p.end), p.severity]);

describe('pushmirror-inventory service', () => {
  it('is chosen by file name and registered in the catalogue', () => {
    assert.equal(languageForPath('/srv/a/pushmirror.yaml'), 'pushmirror-inventory');
    assert.equal(languageForPath('C:\\mirrors\\pushmirror.yml'), 'pushmirror-inventory');
    assert.equal(languageForPath('/srv/a/other.yaml'), undefined);
    assert.equal(serviceFor('pushmirror-inventory'), inventoryService);
  });

  it('finds nothing wrong with the fixture inventory next to its runmirrors list', () => {
    assert.deepEqual(codes(FIXTURE, { workspace: [list(LIST)], host }), []);
  });

  it('reports each kind of problem under its own code, on the exact node', () => {
    const text = [
      'version: 2',
      'defaults:',
      '  user: ""',
      'downstreams:',
      '  eu.one:',
      '    host: one.example.org',
      '    port: 70000',
      '    type: stged',
      '    traceUrl: ftp://x',
      '    signal: ssh',
      '    dispalyName: One',
      '    log: { user: logs }',
      '  "a b": {}',
      '  eu.two: [1]',
      '',
    ].join('\n');
    assert.deepEqual(codes(text), [
      ['inventory/bad-version', '2', 'error'],
      ['inventory/empty-value', '""', 'error'],
      ['inventory/bad-port', '70000', 'error'],
      ['inventory/bad-type', 'stged', 'error'],
      ['inventory/bad-trace-url', 'ftp://x', 'error'],
      ['inventory/bad-signal', 'ssh', 'error'],
      ['inventory/unknown-key', 'dispalyName', 'warning'],
      ['inventory/log-without-path', 'log', 'error'],
      ['inventory/bad-name', '"a b"', 'error'],
      ['inventory/not-a-mapping', '[1]', 'error'],
    ]);
  });

  it('separates YAML syntax errors from duplicate keys', () => {
    assert.deepEqual(
      inventoryService.validate('downstreams:\n  a: {}\n  a: {}\n', {}).map((p) => p.code),
      ['inventory/duplicate-key'],
    );
    const syntax = inventoryService.validate('downstreams: [\n', {});
    assert.ok(syntax.length > 0 && syntax.every((p) => p.code === 'inventory/syntax'));
  });

  it('asks for host and user only when the runmirrors lists are known', () => {
    const text = 'downstreams:\n  eu.one: {}\n  lab: { host: lab.example.org }\n  typo: {}\n';
    // A single file (the CLI) or an unindexed workspace without a list: cannot tell.
    assert.deepEqual(codes(text), []);
    assert.deepEqual(codes(text, { workspace: [] }), []);
    const withList = codes(text, { workspace: [list('all eu.one one.example.org archvsync\n')] });
    assert.deepEqual(withList, [
      ['inventory/needs-host', 'lab', 'warning'],
      ['inventory/needs-host', 'typo', 'warning'],
    ]);
    // An indexed workspace (file system access) with no list at all: every entry is on its own.
    assert.equal(codes(text, { workspace: [], host }).length, 3);
    // defaults.user covers the user.
    assert.deepEqual(codes('defaults: { user: archvsync }\n' + text, { workspace: [list('all eu.one h u\n')] }), [
      ['inventory/needs-host', 'typo', 'warning'],
    ]);
  });

  it('honours configured levels', () => {
    const problems = inventoryService.validate(
      'downstreams:\n  a: { dispalyName: x }\n',
      {},
      { levels: { 'inventory/unknown-key': 'off' } },
    );
    assert.deepEqual(problems, []);
  });

  it('explains every key the schema knows on hover', () => {
    for (const key of Object.keys(SCHEMA.properties)) assert.ok(TOP_DOCS[key], key);
    for (const key of Object.keys(SCHEMA.definitions.downstream.properties)) assert.ok(ENTRY_DOCS[key], key);
    for (const key of Object.keys(SCHEMA.definitions.downstream.properties.log.oneOf[1].properties))
      assert.ok(LOG_DOCS[key], key);
    const hover = (needle: string, nth = 0) => {
      let at = -1;
      for (let i = 0; i <= nth; i++) at = FIXTURE.indexOf(needle, at + 1);
      const h = inventoryService.hover!(FIXTURE, at + 1, {});
      return h && [FIXTURE.slice(h.start, h.end), h.markdown.split(' — ')[0]];
    };
    assert.deepEqual(hover('version'), ['version', '**version**']);
    assert.deepEqual(hover('user:'), ['user', '**user**']);
    assert.deepEqual(hover('eu.one:'), ['eu.one', '**eu.one**']);
    assert.deepEqual(hover('traceUrl'), ['traceUrl', '**traceUrl**']);
    assert.deepEqual(hover('path:'), ['path', '**log.path**']);
    assert.deepEqual(hover('command:'), ['command', '**signal.command**']);
    assert.equal(inventoryService.hover!(FIXTURE, FIXTURE.indexOf('archvsync') + 2, {}), undefined);
  });

  it('lists downstreams as symbols', () => {
    assert.deepEqual(
      inventoryService.symbols!(FIXTURE).map((s) => [s.name, s.detail]),
      [
        ['eu.one', 'One (Europe)'],
        ['eu.lab', 'Lab mirror (no runmirrors)'],
      ],
    );
  });
});
