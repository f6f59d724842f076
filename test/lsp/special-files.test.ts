import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspProcess } from './harness';

// Files that are not regular files, and documents too large to check. The BOM check opened the
// document's path with a blocking open, so a FIFO there froze the server for good; `/dev/zero` named as
// an include or secrets file must be refused with a reason; a document over the size cap gets one
// diagnostic instead of minutes of work and gigabytes.

let lsp: LspProcess;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-special-'));
  lsp = new LspProcess();
  await lsp.initialize(dir);
});
after(async () => {
  await lsp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a document whose path on disk is a FIFO is checked without opening the FIFO', { timeout: 30_000 }, async () => {
  const file = path.join(dir, 'rsyncd.conf');
  execFileSync('mkfifo', [file]);
  const uri = pathToFileURL(file).href;
  await lsp.open(uri, 'rsyncd-conf', '[m]\n    path = /tmp\n    reed only = yes\n');
  const diagnostics = await lsp.waitForDiagnostics(uri, () => true, 10_000);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['rsyncd/unknown-parameter'],
  );
  const hover = await lsp.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 1 },
  });
  assert.ok(hover);
});

test(
  '/dev/zero and a FIFO named as include and secrets files: refused with a reason, and logged',
  { timeout: 30_000 },
  async () => {
    const fifo = path.join(dir, 'secrets.fifo');
    execFileSync('mkfifo', [fifo]);
    const file = path.join(dir, 'devices', 'rsyncd.conf');
    fs.mkdirSync(path.dirname(file));
    const text = `&include /dev/zero\n[m]\n    path = /tmp\n    auth users = joe\n    secrets file = ${fifo}\n`;
    const uri = pathToFileURL(file).href;
    await lsp.open(uri, 'rsyncd-conf', text);
    const diagnostics = await lsp.waitForDiagnostics(uri, () => true, 10_000);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [
        [
          'rsyncd/include-problem',
          '`&include`: /dev/zero is a character device, not a regular file: rsync cannot read it, so the daemon refuses to start.',
        ],
        [
          'rsyncd/file-not-found',
          `\`${fifo}\` is a FIFO (named pipe) on this machine, not a regular file; every login fails ("no secrets file").`,
        ],
      ],
    );
    // Going to the definition of `joe` reads the secrets file through the same reader: the refusal is logged.
    const joe = text.split('\n').findIndex((l) => l.includes('auth users'));
    const definition = await lsp.request<unknown[]>('textDocument/definition', {
      textDocument: { uri },
      position: { line: joe, character: text.split('\n')[joe].indexOf('joe') + 1 },
    });
    assert.deepEqual(definition, []);
    assert.ok(
      lsp.logs.includes(`${fifo} is a FIFO (named pipe), not a regular file; it was not read`),
      lsp.logs.join('\n'),
    );
  },
);

test('a document over the 16 MiB cap gets one diagnostic and no other work', { timeout: 60_000 }, async () => {
  const uri = pathToFileURL(path.join(dir, 'huge', 'rsyncd.conf')).href;
  const block = '[m]\n    path = /srv\n    reed only = no\n';
  const text = block.repeat(Math.ceil((16 * 1024 * 1024 + 1) / block.length));
  await lsp.open(uri, 'rsyncd-conf', text);
  const diagnostics = await lsp.waitForDiagnostics(uri, () => true, 30_000);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    [
      [
        'internal/too-large',
        `This document has ${text.length} characters; Push Mirror checks documents of up to 16777216 (16 MiB, the cap for every file it reads), so it was not checked.`,
      ],
    ],
  );
  const hover = await lsp.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.equal(hover, null);
});
