import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// The secrets language over stdio: an rsyncd.conf and the secrets file it names, both open. The paths
// do not exist on disk, so only the text-based and cross-file rules speak. Passwords are fake.

const CONF_URI = 'file:///srv/example/lsp/rsyncd.conf';
const SECRETS_URI = 'file:///srv/example/lsp/rsyncd.secrets';
const CONF = '[debian]\n  path = /srv/mirror\n  auth users = joe:rw, ann\n  secrets file = rsyncd.secrets\n';
const SECRETS = 'joe:Fake-Pass-One \nbob:Fake-Pass-Two\n';

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(CONF_URI, 'rsyncd-conf', CONF);
  await lsp.waitForDiagnostics(CONF_URI);
  await lsp.open(SECRETS_URI, 'rsyncd-secrets', SECRETS);
});
after(() => lsp.stop());

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('cross-file diagnostics appear with the right ranges', async () => {
  const diagnostics = await lsp.waitForDiagnostics(SECRETS_URI, (ds) => ds.length >= 3);
  const by = (code: string) => diagnostics.filter((d: Diagnostic) => d.code === code);
  assert.deepEqual(
    by('secrets/trailing-whitespace').map((d) => d.range),
    [range(0, 17, 0, 18)],
  );
  // At the end of the file, where ann's line goes; not on line 1 (joe's, which is fine).
  assert.deepEqual(
    by('secrets/missing-user').map((d) => [d.range, d.severity]),
    [[range(2, 0, 2, 0), 1]],
  );
  // And it says where ann is named: the auth users line of the rsyncd.conf.
  assert.match(
    String(by('secrets/missing-user')[0].message),
    /`ann` is let in by `auth users` of `\[debian\]` \(rsyncd\.conf:3\)/,
  );
  assert.deepEqual(
    by('secrets/unused-user').map((d) => [d.range, d.severity]),
    [[range(1, 0, 1, 3), 2]],
  );
  assert.equal(diagnostics.length, 3);
  for (const d of diagnostics) assert.doesNotMatch(JSON.stringify(d), /Fake-Pass/);
});

test('rsyncd.conf shows the missing line on the user in auth users, with the same fix', async () => {
  // The config was opened first: opening the secrets file revalidates it.
  const diagnostics = await lsp.waitForDiagnostics(CONF_URI, (ds) =>
    ds.some((d) => d.code === 'rsyncd/user-without-secret'),
  );
  const missing = diagnostics.filter((d) => d.code === 'rsyncd/user-without-secret');
  assert.deepEqual(
    missing.map((d) => [d.range, d.severity]),
    [[range(2, 23, 2, 26), 1]],
  );
  assert.match(String(missing[0].message), /^`ann` is let in to `\[debian\]` but has no line in its secrets file/);
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: CONF_URI },
    range: missing[0].range,
    context: { diagnostics: [missing[0]] },
  });
  assert.deepEqual(
    actions.filter((a) => a.command?.command === 'pushMirror.addSecretsLine').map((a) => a.command?.arguments),
    [['ann', '/srv/example/lsp/rsyncd.secrets']],
  );
});

test('the missing-user fix is a client command with the user and the file, never a password', async () => {
  const diagnostics = await lsp.waitForDiagnostics(SECRETS_URI, (ds) => ds.length >= 3);
  const missing = diagnostics.find((d) => d.code === 'secrets/missing-user')!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: SECRETS_URI },
    range: missing.range,
    context: { diagnostics: [missing] },
  });
  const add = actions.find((a) => a.title === 'Add a line for `ann` with a new password');
  assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(add.edit, undefined, 'no edit: an `ann:` line without a password would be an open door');
  assert.deepEqual(add.command, {
    command: 'pushMirror.addSecretsLine',
    title: 'Add a line for `ann` with a new password',
    arguments: ['ann', '/srv/example/lsp/rsyncd.secrets'],
  });
  assert.equal(add.isPreferred, true);
});

test('a user line without its colon gets "Insert the colon" as the preferred fix', async () => {
  const uri = 'file:///srv/example/lsp/colon.secrets';
  await lsp.open('file:///srv/example/lsp/colon.conf', 'rsyncd-conf', CONF.replace('rsyncd.secrets', 'colon.secrets'));
  await lsp.open(uri, 'rsyncd-secrets', 'joe:Fake-Pass-One\nann Fake-Pass-Two\n');
  const diagnostics = await lsp.waitForDiagnostics(uri, (ds) => ds.some((d) => d.code === 'secrets/no-colon'));
  for (const d of diagnostics) assert.doesNotMatch(JSON.stringify(d), /Fake-Pass/);
  const noColon = diagnostics.find((d) => d.code === 'secrets/no-colon')!;
  const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: noColon.range,
    context: { diagnostics: [noColon] },
  });
  const insert = actions.find((a) => a.title === 'Insert the colon after `ann`');
  assert.ok(insert, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(insert.isPreferred, true);
  assert.deepEqual(insert.edit?.changes?.[uri], [{ range: range(1, 3, 1, 4), newText: ':' }]);
  // The missing-user diagnostic sits on `ann` of that line.
  assert.deepEqual(diagnostics.find((d) => d.code === 'secrets/missing-user')?.range, range(1, 0, 1, 3));
});

test('hovers describe the user and the rule, never the password', async () => {
  const joe = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: SECRETS_URI },
    position: { line: 0, character: 1 },
  });
  assert.match(JSON.stringify(joe.contents), /let in by `joe:rw` \(read-write\)/);
  for (const position of [
    { line: 0, character: 1 },
    { line: 0, character: 8 },
    { line: 1, character: 10 },
  ]) {
    const hover = await lsp.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: SECRETS_URI },
      position,
    });
    assert.doesNotMatch(JSON.stringify(hover), /Fake-Pass/);
  }
  const symbols = await lsp.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: SECRETS_URI } });
  assert.equal(symbols.length, 2);
  assert.doesNotMatch(JSON.stringify(symbols), /Fake-Pass/);
  const completion = await lsp.request<unknown[]>('textDocument/completion', {
    textDocument: { uri: SECRETS_URI },
    position: { line: 2, character: 0 },
  });
  assert.match(JSON.stringify(completion), /"ann:"/);
  assert.doesNotMatch(JSON.stringify(completion), /Fake-Pass/);
});

test('go to definition both ways between auth users and the secrets line', async () => {
  const toSecrets = await lsp.request<Location[]>('textDocument/definition', {
    textDocument: { uri: CONF_URI },
    position: { line: 2, character: 16 },
  });
  assert.deepEqual(toSecrets, [{ uri: SECRETS_URI, range: range(0, 0, 0, 3) }]);
  const toConf = await lsp.request<Location[]>('textDocument/definition', {
    textDocument: { uri: SECRETS_URI },
    position: { line: 0, character: 1 },
  });
  assert.deepEqual(toConf, [{ uri: CONF_URI, range: range(2, 15, 2, 21) }]);
});
