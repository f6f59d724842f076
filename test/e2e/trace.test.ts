// Issue 12, item 13 in a real VS Code (code-server): with `pushMirror.trace.server: verbose` and the
// Push Mirror log at Trace, the language client traced didOpen and didChange with their text, so the
// passwords of an open secrets file landed in the log. Here a secrets file with canary passwords is
// opened and edited, and the log file VS Code writes for the channel is scanned for them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UI_TIMEOUT, Workbench } from './harness';

const canary = () => `CANARY${randomBytes(9).toString('hex')}`;

/** Every log file VS Code wrote for the Push Mirror channel in this run. */
function pushMirrorLogs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /Push Mirror.*\.log$/.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

describe('language client trace in code-server', () => {
  let vs: Workbench;
  const passwords = Array.from({ length: 11 }, canary);
  const typed = canary();

  before(
    async () => {
      vs = new Workbench({ fixture: 'trace', settings: { 'pushMirror.trace.server': 'verbose' } });
      fs.mkdirSync(vs.workspace, { recursive: true });
      fs.writeFileSync(path.join(vs.workspace, 'first.secrets'), 'no colon here\n', { mode: 0o600 });
      fs.writeFileSync(
        path.join(vs.workspace, 'rsyncd.secrets'),
        passwords.map((p, i) => `mirror${i}:${p}`).join('\n') + '\n',
        { mode: 0o600 },
      );
      await vs.start();
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  /** The Push Mirror log as written so far, once it holds `expected` (VS Code flushes log files in batches). */
  async function logText(expected: RegExp): Promise<string> {
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      const text = pushMirrorLogs(vs.run)
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
      if (expected.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the Push Mirror log never showed ${expected}:\n${text.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250)); // poll interval for a log file VS Code writes, not a UI wait
    }
  }

  it('traces the secrets file opened and edited at verbose, without one of its passwords', async () => {
    // Activate the extension (a secrets file of its own), then put its log at Trace: the client traces
    // only then, so the canary file opened next is traced from its didOpen on.
    await vs.openFile('first.secrets');
    await vs.expectLanguageMode('rsync secrets');
    await vs.waitForSquiggle('error'); // the language server answered: the client (and its log) are up
    await vs.runCommand('Developer: Set Log Level...');
    const input = vs.page.locator('.quick-input-widget input');
    const rows = vs.page.locator('.quick-input-widget .monaco-list-row');
    // The list of loggers is long and virtual: filter it to ours.
    await rows.first().waitFor();
    await input.fill('Push Mirror');
    await rows.filter({ hasText: 'Push Mirror' }).first().waitFor();
    await vs.screenshot('00-loggers');
    await vs.pickQuickItem('Push Mirror');
    await rows.filter({ hasText: 'Trace' }).first().waitFor();
    await vs.pickQuickItem('Trace');

    await vs.openFile('rsyncd.secrets');
    await vs.page.keyboard.press('Control+End');
    await vs.page.keyboard.type(`late:${typed}`);
    await vs.page.keyboard.press('Enter');

    const text = await logText(
      /Sending notification 'textDocument\/didChange'[\s\S]*late|characters not logged: about an rsync secrets file[\s\S]*didChange|didChange[\s\S]*characters not logged/,
    );
    await vs.screenshot('01-edited');
    assert.match(text, /Sending notification 'textDocument\/didOpen'/, 'the trace is on, at verbose');
    const leaked = [...passwords, typed].filter((p) => text.includes(p));
    assert.deepEqual(leaked, [], `${leaked.length} of ${passwords.length + 1} canaries in the log`);
    assert.match(text, /characters not logged: about an rsync secrets file \(file:\/\/[^)]*rsyncd\.secrets\)/);
    vs.assertOffline();
  });
});
