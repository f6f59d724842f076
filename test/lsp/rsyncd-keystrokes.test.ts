import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspProcess } from './harness';

// The server checks an rsyncd.conf keystroke from its last check of the document (rsyncd/validation.ts).
// What it publishes must be what a fresh check of the same text gives, and a change on disk must reach a
// text that did not change.

let dir: string;
let lsp: LspProcess;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-keys-'));
  lsp = new LspProcess({ settings: { checkFileSystem: true } });
  await lsp.initialize(dir);
});
after(async () => {
  await lsp.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const at = (line: number, character: number, length = 0): Range => ({
  start: { line, character },
  end: { line, character: character + length },
});

test('keystrokes in modules and globals publish what a fresh check of the text publishes', async () => {
  const data = path.join(dir, 'data');
  const uri = pathToFileURL(path.join(dir, 'rsyncd.conf')).href;
  const lines = [
    '# mirrors',
    'uid = nobody',
    '[a]',
    `  path = ${data}`,
    '  read only = yes',
    '[b]',
    '  path = /',
    '  list = yes',
    '[a]',
    '  comment = again',
  ];
  await lsp.open(uri, 'rsyncd-conf', lines.join('\n') + '\n');
  await lsp.waitForDiagnostics(uri);
  // Typing `reed` over `read` in [a], a name in [b], `#` into a global line, a module's second header.
  const edits: [Range, string][] = [
    [at(4, 3), 'e'],
    [at(4, 4), ''],
    [at(4, 3, 1), ''],
    [at(7, 2, 4), 'lisst'],
    [at(1, 12), ' # x'],
    [at(9, 12), '\n  auth users = pusher'],
    [at(8, 2), 'x'],
    [at(0, 1), 'x'],
  ];
  let version = 1;
  for (const [range, text] of edits) {
    await lsp.edit(uri, ++version, range, text);
    const v = version;
    await lsp.waitForDiagnostics(uri, (_d, published) => published === v);
  }
  const typed = await lsp.waitForDiagnostics(uri);
  assert.ok(typed.some((d) => d.code === 'rsyncd/unknown-parameter'));
  assert.ok(typed.some((d) => d.code === 'rsyncd/file-not-found'));
  // The same text opened as another document is checked from scratch.
  const copy = pathToFileURL(path.join(dir, 'copy', 'rsyncd.conf')).href;
  const edited = applyAll(lines.join('\n') + '\n', edits);
  await lsp.open(copy, 'rsyncd-conf', edited);
  const fresh = await lsp.waitForDiagnostics(copy);
  assert.deepEqual(typed, fresh);
});

test('a path created on disk clears its problem though the text did not change', async () => {
  const data = path.join(dir, 'created');
  const uri = pathToFileURL(path.join(dir, 'created.conf')).href;
  const text = `[a]\n  path = ${data}\n  comment = x\n`;
  await lsp.open(uri, 'rsyncd-conf', text);
  await lsp.edit(uri, 2, at(2, 13), 'y');
  const before = await lsp.waitForDiagnostics(uri, (_d, v) => v === 2);
  assert.deepEqual(
    before.map((d) => d.code),
    ['rsyncd/file-not-found'],
  );
  fs.mkdirSync(data);
  await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(data).href, type: 1 }],
  });
  assert.deepEqual(await lsp.waitForDiagnostics(uri, (d) => d.length === 0), []);
});

/** The text after the edits, each applied to the text before it (ranges in lines and UTF-16 columns). */
function applyAll(text: string, edits: readonly [Range, string][]): string {
  for (const [range, insert] of edits) {
    const offset = (p: Range['start']) => {
      let start = 0;
      for (let line = 0; line < p.line; line++) start = text.indexOf('\n', start) + 1;
      return start + p.character;
    };
    text = text.slice(0, offset(range.start)) + insert + text.slice(offset(range.end));
  }
  return text;
}
