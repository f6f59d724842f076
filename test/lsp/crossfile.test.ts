import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspProcess } from './harness';

// Editing one document re-validates the open documents that depend on it (cross-file rules).

const CONF_URI = 'file:///srv/example/cross/rsyncd.conf';
const SECRETS_URI = 'file:///srv/example/cross/rsyncd.secrets';
const CONF = '[debian]\n  path = /srv/mirror\n  auth users = joe, ann\n  secrets file = rsyncd.secrets\n';

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
});
after(() => lsp.stop());

test('removing a user from auth users clears the secrets file diagnostic that asked for it', async () => {
  await lsp.open(CONF_URI, 'rsyncd-conf', CONF);
  await lsp.open(SECRETS_URI, 'rsyncd-secrets', 'joe:not-a-real-password\n');
  const before = await lsp.waitForDiagnostics(SECRETS_URI, (ds) => ds.some((d) => d.code === 'secrets/missing-user'));
  assert.match(String(before.find((d) => d.code === 'secrets/missing-user')!.message), /`ann`/);
  await lsp.change(CONF_URI, 2, CONF.replace('joe, ann', 'joe'));
  const after = await lsp.waitForDiagnostics(SECRETS_URI, (ds) => !ds.some((d) => d.code === 'secrets/missing-user'));
  assert.deepEqual(
    after.map((d) => d.code),
    [],
  );
});
