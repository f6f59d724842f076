import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { MAX_SYMBOLS } from '../../server/src/lsp/limits';
import { LspProcess } from './harness';

// rsyncd.conf features through the built server: hover, completion, symbols, a quick fix, and the
// files an `&include` reads.

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
});
after(() => lsp.stop());

const uri = 'file:///srv/example/features/rsyncd.conf';
const text = '[debian]\n  path = /srv/mirror\n  list = on\n  max connections = lots\n';

test('diagnostics, hover, completion and document symbols', async () => {
  await lsp.open(uri, 'rsyncd-conf', text);
  // Errors only: the file system check (on by default) may add a warning for /srv/mirror on this machine.
  const ds = (await lsp.waitForDiagnostics(uri)).filter((d) => d.severity === 1);
  assert.deepEqual(
    ds.map((d) => d.code),
    ['rsyncd/bad-boolean', 'rsyncd/bad-integer'],
  );
  const hover = await lsp.request<{ contents: { value: string } }>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 3, character: 4 },
  });
  assert.match(hover.contents.value, /max connections/);
  assert.match(hover.contents.value, /rsync reads: 0/);
  const items = await lsp.request<{ label: string }[]>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 2, character: 9 },
  });
  assert.deepEqual(
    items.map((i) => i.label),
    ['yes', 'no', 'true', 'false'],
  );
  const symbols = await lsp.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', {
    textDocument: { uri },
  });
  assert.equal(symbols[0].name, '[debian]');
  assert.deepEqual(
    symbols[0].children.map((c) => c.name),
    ['path', 'list', 'max connections'],
  );
  const actions = await lsp.request<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: ds[0].range,
    context: { diagnostics: [ds[0]] },
  });
  assert.equal(actions[0].title, 'Change to `yes`');
});

test('a module in an `&include`d directory is checked, and its problem lands on the directive', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-include-'));
  try {
    fs.mkdirSync(path.join(dir, 'conf.d'));
    fs.writeFileSync(path.join(dir, 'conf.d', 'priv.conf'), `[priv]\n    path = ${dir}\n    auth users = joe\n`);
    const conf = path.join(dir, 'rsyncd.conf');
    const confUri = pathToFileURL(conf).href;
    await lsp.open(confUri, 'rsyncd-conf', `[pub]\n    path = ${dir}\n&include ${dir}/conf.d\n`);
    const ds = await lsp.waitForDiagnostics(confUri);
    const d = ds.find((x) => x.code === 'rsyncd/auth-without-secrets-file');
    assert.ok(d, JSON.stringify(ds));
    assert.equal(d.range.start.line, 2);
    assert.match(String(d.message), /priv\.conf line 3\)$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the outline of a 5,000-module file lists every module within the symbol cap', async () => {
  const big = 'file:///srv/example/features/big/rsyncd.conf';
  const modules = Array.from({ length: 5000 }, (_, i) => `[m${i}]\n  path = /srv/m${i}\n  read only = yes\n`);
  await lsp.open(big, 'rsyncd-conf', modules.join(''));
  const symbols = await lsp.request<{ name: string; children?: unknown[] }[]>('textDocument/documentSymbol', {
    textDocument: { uri: big },
  });
  assert.deepEqual(
    symbols.map((s) => s.name),
    modules.map((_, i) => `[m${i}]`),
  );
  assert.equal(
    symbols.reduce((n, s) => n + 1 + (s.children?.length ?? 0), 0),
    MAX_SYMBOLS,
  );
});
