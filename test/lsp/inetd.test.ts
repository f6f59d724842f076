import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic, DocumentLink, Hover } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// inetd.conf over stdio, as any editor sends it: by language id, and by file name alone (a client
// that knows no `inetd-conf` language). The path does not exist; /etc/services is this machine's.

const URI = 'file:///srv/example/lsp/etc/inetd.conf';
const TEXT = [
  '# rsync daemon, as the seed starts it',
  'rsync stream tcp wait root /usr/bin/rsync --daemon --port=8873',
  'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon --config=/srv/example/lsp/rsyncd.conf',
  '',
].join('\n');

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(URI, 'plaintext', TEXT);
});
after(() => lsp.stop());

test('diagnostics for the broken line, each with a documentation link at its rule', async () => {
  const diagnostics = await lsp.waitForDiagnostics(URI, (ds) => ds.length > 0);
  const codes = diagnostics.map((d: Diagnostic) => d.code).sort();
  assert.deepEqual(codes, [
    'inetd/duplicate-service',
    'inetd/missing-argv0',
    'inetd/rsync-config-not-found',
    'inetd/rsync-ignored-option',
    'inetd/rsync-socket',
  ]);
  const argv0 = diagnostics.find((d) => d.code === 'inetd/missing-argv0')!;
  assert.deepEqual(argv0.range, { start: { line: 1, character: 42 }, end: { line: 1, character: 50 } });
  assert.equal(argv0.severity, 1);
  assert.match(argv0.codeDescription?.href ?? '', /^file:.*\/docs\/rules\.md#inetd-missing-argv0$/);
});

test("hover names the port from this machine's /etc/services", async () => {
  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: URI },
    position: { line: 2, character: 2 },
  });
  assert.match(
    JSON.stringify(hover.contents),
    /inetd listens on port 873\/tcp \(\/etc\/services, line \d+\), all addresses, IPv4 and IPv6/,
  );
});

test('the --config file is a link', async () => {
  const links = await lsp.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: URI } });
  assert.equal(links.length, 1);
  assert.equal(links[0].target, 'file:///srv/example/lsp/rsyncd.conf');
});
