import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
} from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// ftpsync.conf over stdio, as any editor sees it: diagnostics with ranges, the language recognised by
// file name alone, hover, completion, outline, a quick fix, the "Test upstream login" lens, and the
// upstream's rsyncd.conf and secrets file open beside it. Paths do not exist on disk; passwords are fake.

const FTPSYNC_URI = 'file:///srv/example/down/.config/ftpsync/ftpsync.conf';
const CONF_URI = 'file:///srv/example/up/rsyncd.conf';
const SECRETS_URI = 'file:///srv/example/up/rsyncd.secrets';
const FTPSYNC = [
  'MIRRORNAME=mirror.example.org',
  'TO=/srv/mirror/debian',
  'RSYNC_HOST=upstream.example.org',
  'RSYNC_PATH=debian',
  'RSYNC_USER=eu3',
  'RSYNC_PASSWORD=Fake-Wrong-Pass',
  'HUB=yes',
  'ARCH_EXLUDE="i386"',
  '',
].join('\n');

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(
    CONF_URI,
    'rsyncd-conf',
    '[debian]\n  path = /srv/up\n  auth users = eu3\n  secrets file = rsyncd.secrets\n',
  );
  await lsp.open(SECRETS_URI, 'rsyncd-secrets', 'eu3:Fake-Right-Pass\n');
  // An editor without our language ids: the server knows the file by its name.
  await lsp.open(FTPSYNC_URI, 'shellscript', FTPSYNC);
});
after(() => lsp.stop());

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('diagnostics: the literal HUB, the typo and the password the upstream does not know', async () => {
  const diagnostics = await lsp.waitForDiagnostics(FTPSYNC_URI, (ds) => ds.length >= 3);
  assert.deepEqual(
    diagnostics.map((d: Diagnostic) => [d.code, d.range, d.severity]),
    [
      ['ftpsync/password-mismatch', range(5, 0, 5, 14), 1],
      ['ftpsync/literal-boolean', range(6, 4, 6, 7), 1],
      ['ftpsync/unknown-variable', range(7, 0, 7, 11), 2],
    ],
  );
  assert.match(
    String(diagnostics[0].message),
    /not the password of this user in \/srv\/example\/up\/rsyncd\.secrets \(line 1\)/,
  );
  for (const d of diagnostics) assert.doesNotMatch(JSON.stringify(d), /Fake-/);
});

test('the quick fix writes HUB=true', async () => {
  const diagnostics = await lsp.waitForDiagnostics(FTPSYNC_URI, (ds) => ds.length >= 3);
  const hub = diagnostics.find((d) => d.code === 'ftpsync/literal-boolean')!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: FTPSYNC_URI },
    range: hub.range,
    context: { diagnostics: [hub] },
  });
  assert.equal(actions[0].title, 'Write HUB=true');
  assert.deepEqual(actions[0].edit?.changes?.[FTPSYNC_URI], [{ range: range(6, 4, 6, 7), newText: 'true' }]);
});

test('hover explains a variable with its value; the password is never shown', async () => {
  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: FTPSYNC_URI },
    position: { line: 2, character: 3 },
  });
  assert.match(JSON.stringify(hover.contents), /The upstream host/);
  assert.match(JSON.stringify(hover.contents), /ftpsync uses: `upstream.example.org`/);
  const secret = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: FTPSYNC_URI },
    position: { line: 5, character: 20 },
  });
  assert.match(JSON.stringify(secret.contents), /a password \(not shown\)/);
  assert.match(JSON.stringify(secret.contents), /Does \*\*not\*\* match/);
  assert.doesNotMatch(JSON.stringify(secret), /Fake-/);
});

test('completion offers variables at a line start and the modules of the upstream for RSYNC_PATH', async () => {
  const names = await lsp.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: FTPSYNC_URI },
    position: { line: 8, character: 0 },
  });
  assert.ok(names.some((c) => c.label === 'ARCH_INCLUDE'));
  const modules = await lsp.request<CompletionItem[]>('textDocument/completion', {
    textDocument: { uri: FTPSYNC_URI },
    position: { line: 3, character: 11 },
  });
  assert.deepEqual(
    modules.map((c) => c.label),
    ['debian'],
  );
});

test('outline lists the settings, the password hidden', async () => {
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri: FTPSYNC_URI },
  });
  assert.deepEqual(symbols.map((s) => s.name).slice(0, 3), ['MIRRORNAME', 'TO', 'RSYNC_HOST']);
  assert.equal(symbols.find((s) => s.name === 'RSYNC_PASSWORD')?.detail, '(not shown)');
});

test('a lens on RSYNC_HOST runs Test upstream login with the document, not its values', async () => {
  const lenses = await lsp.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: FTPSYNC_URI } });
  assert.deepEqual(lenses, [
    {
      range: range(2, 0, 2, 31),
      command: { title: 'Test upstream login', command: 'pushMirror.testUpstreamLogin', arguments: [FTPSYNC_URI] },
    },
  ]);
});
