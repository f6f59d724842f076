import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// YAML nested thousands of levels deep overflowed the `yaml` package's recursive composer: the server
// kept the diagnostics of the previous text, and 10,000 `[` made V8 abort the process on hover
// ("RegExpCompiler Allocation failed"). Now the nesting is refused with one clear diagnostic, which
// replaces the old ones, and hover and the outline keep answering.

const URI = 'file:///srv/example/lsp-deep-yaml/pushmirror.yaml';

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
});
after(() => lsp.stop());

async function askEverything(): Promise<void> {
  const hover = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 0, character: 2 },
  });
  assert.equal(hover, null);
  assert.deepEqual(await lsp.request('textDocument/documentSymbol', { textDocument: { uri: URI } }), []);
}

test('`defaults:` and 3,000 nested `- `: fresh diagnostics replace the old ones; hover and outline answer', async () => {
  await lsp.open(URI, 'yaml', 'version: 1\ndownstreams:\n  eu.one:\n    host: eu.example.org\n    port: 70000\n');
  const before = await lsp.waitForDiagnostics(URI, (_d, v) => v === 1);
  assert.ok(before.some((d) => d.code === 'inventory/bad-port'));
  await lsp.change(URI, 2, `defaults:\n${'- '.repeat(3000)}x\n`);
  const after = await lsp.waitForDiagnostics(URI, (_d, v) => v === 2);
  assert.deepEqual(
    after.map((d) => [d.code, d.message]),
    [
      [
        'inventory/syntax',
        'Nested more than 64 levels deep here; Push Mirror does not read YAML this deep (an inventory needs four levels).',
      ],
    ],
  );
  await askEverything();
});

test('10,000 `[`: the server stays up and answers', async () => {
  await lsp.change(URI, 3, `defaults: ${'['.repeat(10000)}`);
  const diagnostics = await lsp.waitForDiagnostics(URI, (_d, v) => v === 3);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['inventory/syntax'],
  );
  await askEverything();
  await lsp.change(URI, 4, 'version: 1\n');
  assert.deepEqual(await lsp.waitForDiagnostics(URI, (_d, v) => v === 4), []);
});
