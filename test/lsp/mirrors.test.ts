import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
} from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// runmirrors.mirror over stdio. The first document is virtual (only text rules speak); the second is
// the fixture archvsync home's list, whose runmirrors.conf lacks BASEDIR (a file-system finding).

const URI = 'file:///srv/example/lsp/etc/runmirrors.mirror';
const TEXT = [
  '# downstreams',
  'all eu.one one.example.org archvsync 2',
  'al eu.two two.example.org archvsync -p 2222 -o IdentitiesOnly=yes',
  'DELAY ten',
  '',
].join('\n');
const FIXTURE = path.resolve(__dirname, '../fixtures/archvsync-home/etc/runmirrors.mirror');

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(URI, 'runmirrors-mirror', TEXT);
});
after(() => lsp.stop());

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('diagnostics carry rule codes and exact ranges, errors first (the editor squiggles the first 500)', async () => {
  const diagnostics = await lsp.waitForDiagnostics(URI, (ds) => ds.length >= 4);
  assert.deepEqual(
    diagnostics.map((d: Diagnostic) => [d.code, d.range, d.severity]),
    [
      ['mirrors/unknown-type', range(2, 0, 2, 2), 1],
      ['mirrors/options-dropped', range(2, 44, 2, 65), 1],
      ['mirrors/malformed-delay', range(3, 6, 3, 9), 1],
      ['mirrors/protocol-without-key', range(1, 37, 1, 38), 2],
    ],
  );
});

test('quick fixes come with the diagnostics', async () => {
  const diagnostics = await lsp.waitForDiagnostics(URI, (ds) => ds.length >= 4);
  const unknown = diagnostics.find((d) => d.code === 'mirrors/unknown-type')!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  const fix = actions.find((a) => a.title === 'Change to `all`');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(fix.edit?.changes?.[URI], [{ range: range(2, 0, 2, 2), newText: 'all' }]);
});

test('hover shows the ssh command runmirrors would run', async () => {
  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 1, character: 1 },
  });
  const text = JSON.stringify(hover.contents);
  assert.match(text, /normal push/);
  assert.match(text, /ssh -n one\.example\.org -o user=archvsync/);
  assert.doesNotMatch(text, / -i /, 'protocol 2 without a key passes no -i');
});

test('completion and symbols', async () => {
  const completion = await lsp.request<CompletionList | CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: URI },
    position: { line: 4, character: 0 },
  });
  const items = Array.isArray(completion) ? completion : completion.items;
  assert.deepEqual(items.map((i) => i.label).slice(0, 3), ['all', 'staged', 'mhop']);
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['eu.one', 'eu.two', 'DELAY ten'],
  );
});

test('the fixture list is checked against the runmirrors.conf beside it', async () => {
  const uri = pathToFileURL(FIXTURE).href;
  const { readFileSync } = await import('node:fs');
  await lsp.open(uri, 'runmirrors-mirror', readFileSync(FIXTURE, 'utf8'));
  const diagnostics = await lsp.waitForDiagnostics(uri);
  // KEYFILE is relative to the home of whoever runs runmirrors (here: the test), not to the fixture.
  const { existsSync } = await import('node:fs');
  const keyMissing = !existsSync(path.join((await import('node:os')).homedir(), '.ssh/pushmirror'));
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    keyMissing ? ['mirrors/runmirrors-stops', 'mirrors/runmirrors-stops'] : ['mirrors/runmirrors-stops'],
  );
  const messages = diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /BASEDIR: unbound variable/);
  if (keyMissing) assert.match(messages, /KEYFILE \(\.ssh\/pushmirror\)/);
});
