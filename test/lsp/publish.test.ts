import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspProcess } from './harness';

// A document is checked again when the settings change or a file is saved; when that changes nothing in
// it, the same diagnostics are not sent again (server/src/lsp/published.ts).

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize(undefined, {}, { settings: { checkFileSystem: false } });
});
after(async () => {
  await lsp.stop();
});

test('diagnostics a new check finds unchanged are not published again; changed ones are', async () => {
  const uri = 'file:///srv/example/publish/rsyncd.conf';
  const text = '[debian]\n  path = /srv/debian\n  reed only = yes\n';
  await lsp.open(uri, 'rsyncd-conf', text);
  const first = await lsp.waitForDiagnostics(uri, (ds) => ds.length > 0);
  assert.equal(first[0].severity, 1);
  const settings = (rules: Record<string, string>) =>
    lsp.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { pushMirror: { checkFileSystem: false, rules } },
    });
  // The same settings: the document is checked again and nothing in it changes.
  await settings({});
  // A round trip: the server has read the notification and run the check it scheduled before it answers.
  await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  await settings({ 'rsyncd/unknown-parameter': 'warning' });
  await lsp.waitForDiagnostics(uri, (ds) => ds.length > 0 && ds[0].severity === 2);
  assert.equal(lsp.published.get(uri), 2);
});
