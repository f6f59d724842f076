import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol/node';
import { LspProcess } from './harness';

// Trace files over the real protocol: the built server publishes the trace rules for a file of
// project/trace/ (language id ftpsync-trace), reads `_hierarchy` by its name, and answers hover and
// outline; an untitled document is read as its text looks.

const SITE = 'file:///srv/example/lsp-trace/debian/project/trace/mirror.example.org';
const HIER = 'file:///srv/example/lsp-trace/debian/project/trace/_hierarchy';
const UNTITLED = 'untitled:Untitled-1';
const TEXT = [
  'Sun Dec  6 20:46:57 UTC 2026\r',
  'Date: Sun, 06 Dec 2026 20:46:57 +0000',
  'Archive Serial: 2026120602',
  'Used ftpsync version: 20180513+nmu1',
  'Architectures-Configuration: INCLUDE amd64,source',
  'Upstream-mirror: hub.example.org',
  '',
].join('\n');

let lsp: LspProcess;
before(async () => {
  lsp = new LspProcess();
  await lsp.initialize();
  await lsp.open(SITE, 'ftpsync-trace', TEXT);
  await lsp.open(
    HIER,
    'ftpsync-trace',
    'hub.example.org hub.example.org hub-1.example.org 127.0.0.1\nmirror.example.org mirror.example.org\n',
  );
  await lsp.open(
    UNTITLED,
    'ftpsync-trace',
    'a.example.org a.example.org a-1.example.org ftp-master.example.org\nb b b\n',
  );
});
after(() => lsp.stop());

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('a site trace: the checker would reject it, ftpsync would not find its serial, the filter had commas', async () => {
  const diagnostics = await lsp.waitForDiagnostics(SITE, (ds) => ds.length >= 3);
  assert.deepEqual(
    diagnostics.map((d: Diagnostic) => [d.code, d.range, d.severity]),
    [
      // The editor counts `\r\n` as the line break, so the line ends before the `\r` the checker trips on.
      ['trace/invalid-date-line', range(0, 0, 0, 28), 1],
      ['trace/serial-unreadable', range(2, 0, 2, 26), 2],
      ['trace/architectures-comma', range(4, 29, 4, 49), 2],
    ],
  );
  assert.match(String(diagnostics[0]!.message), /carriage return/);
});

test('_hierarchy is read by its name; an untitled text by its look', async () => {
  const hier = await lsp.waitForDiagnostics(HIER, (ds) => ds.length >= 1);
  assert.deepEqual(
    hier.map((d) => [d.code, d.range]),
    [['trace/hierarchy-line', range(1, 0, 1, 37)]],
  );
  const untitled = await lsp.waitForDiagnostics(UNTITLED, (ds) => ds.length >= 1);
  assert.deepEqual(
    untitled.map((d) => d.code),
    ['trace/hierarchy-line'],
  );
});

test('hover and outline', async () => {
  const hover = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: SITE },
    position: { line: 5, character: 3 },
  });
  assert.match((hover.contents as { value: string }).value, /\*\*Upstream-mirror\*\*[\s\S]*RSYNC_HOST/);
  const hop = await lsp.request<Hover>('textDocument/hover', {
    textDocument: { uri: HIER },
    position: { line: 0, character: 3 },
  });
  assert.match((hop.contents as { value: string }).value, /Hop 1 of 1/);
  const symbols = await lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: SITE } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['Date', 'Archive Serial', 'Used ftpsync version', 'Architectures-Configuration', 'Upstream-mirror'],
  );
});
