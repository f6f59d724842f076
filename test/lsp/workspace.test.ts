import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// The whole-workspace check over stdio: the mirror files of the workspace folder that were never opened
// get their diagnostics, kept up to date by watched-file events; an open document's own diagnostics win,
// and closing it hands the file back to the check.

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const has = (code: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === code);

function workspace(): { dir: string; file: (name: string) => string; uri: (name: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-workspace-'));
  const file = (name: string) => path.join(dir, name);
  return { dir, file, uri: (name) => pathToFileURL(file(name)).href };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
}

const CONF = (dir: string, users: string) =>
  `[debian]\n  path = ${dir}\n  reed only = yes\n  auth users = ${users}\n  secrets file = ${dir}/etc/rsyncd.secrets\n`;

describe('a workspace folder with mirror files nobody opened', () => {
  const ws = workspace();
  let lsp: LspProcess;
  before(async () => {
    write(ws.file('etc/rsyncd.conf'), CONF(ws.dir, 'joe, ann'));
    write(ws.file('etc/rsyncd.secrets'), 'joe:Fake-Pass-One \n');
    write(ws.file('etc/inetd.conf'), 'rsync stream tcp wait root /usr/bin/rsync rsyncd --daemon\n');
    // Not looked for: a mirror's traces, and anything under node_modules.
    write(ws.file('mirror/project/trace/mirror.example.org'), 'not a trace at all\n');
    write(ws.file('node_modules/x/rsyncd.conf'), '[broken\n');
    lsp = new LspProcess();
    await lsp.initialize(ws.dir);
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  test('get their diagnostics after initialize, cross-file rules included; traces and node_modules are left out', async () => {
    const conf = await lsp.waitForDiagnostics(ws.uri('etc/rsyncd.conf'), has('rsyncd/unknown-parameter'));
    assert.match(String(conf.find((d) => d.code === 'rsyncd/unknown-parameter')!.message), /reed only/);
    const secrets = await lsp.waitForDiagnostics(ws.uri('etc/rsyncd.secrets'), has('secrets/missing-user'));
    assert.deepEqual(codes(secrets), ['secrets/missing-user', 'secrets/trailing-whitespace']);
    await lsp.waitForDiagnostics(ws.uri('etc/inetd.conf'), (ds) => ds.length > 0);
    // Three files listed: the trace and node_modules' rsyncd.conf were not.
    await lsp.waitForLog(/workspace check: 3 of 3 files checked/);
  });

  test('a change on disk updates them, in the file and in the files that depend on it', async () => {
    const from = lsp.logs.length;
    fs.writeFileSync(ws.file('etc/rsyncd.conf'), CONF(ws.dir, 'joe').replace('reed only', 'read only'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('etc/rsyncd.conf'), type: CHANGED }],
    });
    await lsp.waitForDiagnostics(ws.uri('etc/rsyncd.conf'), (ds) => ds.length === 0);
    const secrets = await lsp.waitForDiagnostics(
      ws.uri('etc/rsyncd.secrets'),
      (ds) => !has('secrets/missing-user')(ds),
    );
    assert.deepEqual(codes(secrets), ['secrets/trailing-whitespace']);
    await lsp.waitForLog(/workspace check: 3 of 3 files checked/, from);
  });

  test('a new file is found and checked', async () => {
    write(ws.file('hosts/b/ftpsync.conf'), 'MIRRORNAME=b.example.org\nHUB=yes\n');
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('hosts/b/ftpsync.conf'), type: CREATED }],
    });
    await lsp.waitForDiagnostics(ws.uri('hosts/b/ftpsync.conf'), (ds) => ds.length > 0);
  });

  test('a deleted file loses its diagnostics', async () => {
    await lsp.waitForDiagnostics(ws.uri('etc/inetd.conf'), (ds) => ds.length > 0);
    fs.rmSync(ws.file('etc/inetd.conf'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('etc/inetd.conf'), type: DELETED }],
    });
    await lsp.waitForDiagnostics(ws.uri('etc/inetd.conf'), (ds) => ds.length === 0);
  });

  test('an open document’s diagnostics win; when it is closed the file on disk takes over again', async () => {
    const uri = ws.uri('etc/rsyncd.secrets');
    await lsp.waitForDiagnostics(uri, has('secrets/trailing-whitespace'));
    // Unsaved text in the editor: a duplicate user instead of the trailing blank.
    await lsp.open(uri, 'rsyncd-secrets', 'joe:Fake-Pass-One\njoe:Fake-Pass-Two\n', 7);
    const open = await lsp.waitForDiagnostics(uri, (_ds, version) => version === 7);
    assert.deepEqual(codes(open), ['secrets/duplicate-user']);
    // A run while it is open leaves the open document's diagnostics alone.
    const from = lsp.logs.length;
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('etc/rsyncd.conf'), type: CHANGED }],
    });
    await lsp.waitForLog(/workspace check: \d+ of \d+ files checked/, from);
    assert.deepEqual(codes(await lsp.waitForDiagnostics(uri, (_ds, version) => version === 7)), [
      'secrets/duplicate-user',
    ]);
    // Closed without saving: what is on disk is what the daemon reads.
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const closed = await lsp.waitForDiagnostics(uri, (_ds, version) => version === undefined);
    assert.deepEqual(codes(closed), ['secrets/trailing-whitespace']);
  });

  test('a document outside the workspace folder is cleared on close, as before', async () => {
    const uri = 'file:///srv/example/elsewhere/rsyncd.conf';
    await lsp.open(uri, 'rsyncd-conf', '[x\n');
    await lsp.waitForDiagnostics(uri, (ds) => ds.length > 0);
    await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await lsp.waitForDiagnostics(uri, (ds) => ds.length === 0);
  });

  test('turning pushMirror.checkWorkspace off clears what it showed', async () => {
    await lsp.waitForDiagnostics(ws.uri('etc/rsyncd.secrets'), (ds) => ds.length > 0);
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { pushMirror: { checkWorkspace: false } },
    });
    await lsp.waitForDiagnostics(ws.uri('etc/rsyncd.secrets'), (ds) => ds.length === 0);
    await lsp.waitForDiagnostics(ws.uri('hosts/b/ftpsync.conf'), (ds) => ds.length === 0);
  });
});

describe('pushMirror.checkWorkspace off (what the extension sends for an untrusted workspace)', () => {
  const ws = workspace();
  let lsp: LspProcess;
  before(async () => {
    write(ws.file('rsyncd.conf'), '[debian\n');
    lsp = new LspProcess();
    await lsp.initialize(ws.dir, {}, { settings: { checkWorkspace: false, checkFileSystem: false } });
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  test('the folder is not even walked, and an opened file is still checked', async () => {
    await lsp.waitForLog(/workspace check: 0 of 0 files checked/);
    const uri = ws.uri('rsyncd.conf');
    await lsp.open(uri, 'rsyncd-conf', '[debian\n');
    assert.ok((await lsp.waitForDiagnostics(uri)).some((d) => d.code === 'rsyncd/broken-header'));
  });
});
