import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspProcess } from './harness';

// An editor sends a file's text without its UTF-8 byte order mark (VS Code keeps it as the encoding
// "UTF-8 with BOM"), but rsync and sshd read the mark. The server looks at the file on disk and reports
// the trap on the first line, without a text edit that could not remove it.

let lsp: LspProcess;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-bom-'));
  lsp = new LspProcess();
  await lsp.initialize(dir);
});
after(async () => {
  await lsp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openAsEditor(name: string, languageId: string, text: string, bomOnDisk: boolean) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, (bomOnDisk ? '\uFEFF' : '') + text);
  const uri = pathToFileURL(file).href;
  await lsp.open(uri, languageId, text);
  return { uri, diagnostics: await lsp.waitForDiagnostics(uri) };
}

test('rsyncd.conf saved with a BOM: the first header is reported, with positions in the text the editor has', async () => {
  const text = '[pub]\n    path = /tmp\n    reed only = yes\n';
  const { uri, diagnostics } = await openAsEditor('rsyncd.conf', 'rsyncd-conf', text, true);
  const bom = diagnostics.find((d) => d.code === 'rsyncd/byte-order-mark');
  assert.ok(bom, JSON.stringify(diagnostics));
  assert.deepEqual(bom.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  assert.match(String(bom.message), /Save with Encoding/);
  // Other problems keep their places in the editor's text.
  const typo = diagnostics.find((d) => d.code === 'rsyncd/unknown-parameter');
  assert.deepEqual(typo?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } });
  const actions = await lsp.request<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: bom.range,
    context: { diagnostics: [bom] },
  });
  assert.deepEqual(
    actions.filter((a) => /mark|BOM/i.test(a.title)),
    [],
    'no text edit can remove the mark',
  );
});

test('the same text without a BOM on disk has no such diagnostic', async () => {
  const { diagnostics } = await openAsEditor(
    'plain/rsyncd.conf'.replace('/', '-'),
    'rsyncd-conf',
    '[pub]\n    path = /tmp\n',
    false,
  );
  assert.deepEqual(
    diagnostics.filter((d) => String(d.code).endsWith('byte-order-mark')),
    [],
  );
});

test('authorized_keys saved with a BOM: the first key line is reported', async () => {
  const text = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmUOi7CoOM3Lk3Vr7y4CdvUxDBsJ/JoTMSmC70EQ9xt mirror@example.org\n';
  const { diagnostics } = await openAsEditor('authorized_keys', 'ssh-authorized-keys', text, true);
  const bom = diagnostics.find((d) => d.code === 'authkeys/byte-order-mark');
  assert.ok(bom, JSON.stringify(diagnostics));
  assert.equal(bom.range.start.line, 0);
  assert.ok(bom.range.end.character > 0);
});
