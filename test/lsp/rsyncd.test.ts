import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { LspProcess, SERVER } from './harness';

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  // The example paths do not exist here; this file is about the text rules, not this machine's files.
  const init = await lsp.initialize(undefined, {}, { settings: { checkFileSystem: false } });
  assert.equal((init.serverInfo as { name: string }).name, 'push-mirror-language-server');
});
after(() => lsp.stop());

test('an unknown parameter is published as an error with code, source and docs link', async () => {
  const uri = 'file:///srv/example/rsyncd.conf';
  await lsp.open(uri, 'rsyncd-conf', '[debian]\n  path = /srv/mirror\n  reed only = yes\n');
  const [d, ...rest] = await lsp.waitForDiagnostics(uri);
  assert.equal(rest.length, 0);
  assert.equal(d.code, 'rsyncd/unknown-parameter');
  assert.equal(d.source, 'push-mirror');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 11 } });
  assert.match(String(d.message), /did you mean `read only`\?/);
  assert.match(d.codeDescription?.href ?? '', /^file:.*\/docs\/rules\.md#rsyncd-unknown-parameter$/);
});

test('fixing the typo clears the diagnostic; the quick fix edits the name', async () => {
  const uri = 'file:///srv/example/fix/rsyncd.conf';
  const text = '[m]\npath = /x\nreed only = yes\n';
  await lsp.open(uri, 'rsyncd-conf', text);
  const [d] = await lsp.waitForDiagnostics(uri, (ds) => ds.length === 1);
  const actions = await lsp.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    },
  );
  assert.equal(actions[0].title, 'Change to `read only`');
  assert.equal(actions[0].edit.changes[uri][0].newText, 'read only');
  await lsp.change(uri, 2, text.replace('reed', 'read'));
  assert.deepEqual(await lsp.waitForDiagnostics(uri, (_ds, version) => version === 2), []);
});

test('files opened with an unknown language id are recognised by name', async () => {
  const uri = 'file:///srv/other/rsyncd.conf';
  await lsp.open(uri, 'plaintext', 'hosts-allow = 192.0.2.1\n');
  const [d] = await lsp.waitForDiagnostics(uri);
  assert.match(String(d.message), /did you mean `hosts allow`/);
});

test('the server binary reports its version and refuses to start without a transport', () => {
  assert.match(
    execFileSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }),
    /^push-mirror-language-server \d+\.\d+\.\d+/,
  );
  assert.throws(
    () => execFileSync(process.execPath, [SERVER], { stdio: 'pipe' }),
    (e: { status: number }) => e.status === 2,
  );
});
