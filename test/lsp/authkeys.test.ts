import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KEY } from '../unit/authkeys/support';
import { LspProcess } from './harness';

// authorized_keys through the built server: diagnostics, the "restrict to the sync command" quick fix,
// hover with the fingerprint and document symbols.

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
});
after(() => lsp.stop());

const DEBIAN = `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &",from="192.0.2.10" ${KEY}\n`;

test('the seed trigger line gets trigger-user-rc; the quick fix rewrites it to restrict and the warning goes', async () => {
  const uri = 'file:///home/mirror/.ssh/authorized_keys';
  await lsp.open(uri, 'ssh-authorized-keys', DEBIAN);
  const ds = await lsp.waitForDiagnostics(uri);
  const d = ds.find((x) => x.code === 'authkeys/trigger-user-rc')!;
  assert.equal(d.severity, 2);
  const actions = await lsp.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>(
    'textDocument/codeAction',
    {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    },
  );
  const fix = actions.find((a) => a.title === 'Restrict to the sync command')!;
  assert.equal(fix.edit.changes[uri][0].newText, 'restrict,command="~/websync &",from="192.0.2.10"');
  await lsp.change(uri, 2, DEBIAN.replace(/^.*? ssh-ed25519/, `${fix.edit.changes[uri][0].newText} ssh-ed25519`));
  assert.deepEqual(await lsp.waitForDiagnostics(uri, (_ds, version) => version === 2), []);
});

test('an unknown option is an error; hover on the key shows its fingerprint; one symbol per key', async () => {
  const uri = 'file:///home/mirror/other/authorized_keys';
  const text = `restricted ${KEY}\nrestrict,command="x",from="192.0.2.1" ${KEY.replace('upstream@', 'second@')}\n`;
  await lsp.open(uri, 'plaintext', text);
  const [d] = await lsp.waitForDiagnostics(uri, (ds) => ds.length > 0);
  assert.equal(d.code, 'authkeys/unknown-option');
  assert.equal(d.severity, 1);
  const hover = await lsp.request<{ contents: { value: string } }>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 30 },
  });
  assert.match(hover.contents.value, /256 SHA256:\S+ upstream@example\.org \(ED25519\)/);
  const symbols = await lsp.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, 2);
  assert.match(symbols[1].name, /^second@example\.org SHA256:/);
});
