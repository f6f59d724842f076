import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// pushmirror.yaml is YAML to the editor: the client sends language id `yaml`, and the server picks the
// inventory service by file name. An open runmirrors.mirror supplies the ShortNames for the cross-check.

const LIST_URI = 'file:///srv/example/lsp-inventory/etc/runmirrors.mirror';
const URI = 'file:///srv/example/lsp-inventory/pushmirror.yaml';
const OTHER_YAML = 'file:///srv/example/lsp-inventory/other.yaml';
const TEXT = [
  'version: 1',
  'downstreams:',
  '  eu.one:',
  '    port: 70000',
  '    dispalyName: One',
  '  lab:',
  '    host: lab.example.org',
  '',
].join('\n');

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(LIST_URI, 'runmirrors-mirror', 'all eu.one one.example.org archvsync\n');
  await lsp.open(OTHER_YAML, 'yaml', 'downstreams: [\n');
  await lsp.open(URI, 'yaml', TEXT);
});
after(() => lsp.stop());

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('opening pushmirror.yaml as yaml publishes the inventory problems with exact ranges', async () => {
  const diagnostics = await lsp.waitForDiagnostics(URI, (ds) => ds.length >= 3);
  assert.deepEqual(
    diagnostics.map((d: Diagnostic) => [d.code, d.range, d.severity]),
    [
      ['inventory/bad-port', range(3, 10, 3, 15), 1],
      ['inventory/unknown-key', range(4, 4, 4, 15), 2],
      // In no list and no user (no defaults.user either).
      ['inventory/needs-host', range(5, 2, 5, 5), 2],
    ],
  );
  assert.match(String(diagnostics[1].message), /did you mean `displayName`/);
  assert.match(String(diagnostics[2].message), /needs its own user/);
});

test('an edit revalidates', async () => {
  await lsp.change(
    URI,
    2,
    TEXT.replace('70000', '2222')
      .replace('dispalyName', 'displayName')
      .replace('    host: lab.example.org', '    host: lab.example.org\n    user: archvsync'),
  );
  const diagnostics = await lsp.waitForDiagnostics(URI, (_ds, version) => version === 2);
  assert.deepEqual(diagnostics, []);
});

test('hover explains keys; symbols list downstreams', async () => {
  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 3, character: 6 },
  });
  assert.deepEqual(hover.range, range(3, 4, 3, 8));
  assert.match(JSON.stringify(hover.contents), /port of the downstream's sshd/);
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['eu.one', 'lab'],
  );
});

test('other YAML files are left to the YAML extension', async () => {
  // Nothing is published for other.yaml; pushmirror.yaml (opened after it) has been, so the server is past it.
  await lsp.waitForDiagnostics(URI);
  const hover = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: OTHER_YAML },
    position: { line: 0, character: 2 },
  });
  assert.equal(hover, null);
});
