// The whole-workspace check in a real VS Code: a workspace whose rsyncd.conf has a typo nobody opened.
// The extension activates on the workspace (workspaceContains), the server checks the file in the
// background, and the Problems view lists it, after a window reload too; fixing the file on disk
// (VS Code's own file watcher tells the server) takes the problem away.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

const MESSAGE = 'unknown parameter `reed only`; did you mean `read only`?';
const CONF = path.join('hosts', 'mirror1', 'etc', 'rsyncd.conf');

describe('the whole-workspace check in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({ fixture: 'workspace' });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const editorTabs = () => vs.page.locator('.tabs-container .tab');
  const problemRows = () => vs.page.locator('.markers-panel .monaco-list-row');
  /** The Problems panel's text once it shows `expected`; a reload restores the panel already open. */
  async function problems(expected: string): Promise<string> {
    const panel = vs.page.locator('.markers-panel');
    if (!(await panel.isVisible())) return vs.problems(expected);
    await vs.expectText(panel, expected);
    return panel.innerText();
  }

  it('lists the problem of a file nobody opened', async () => {
    const problems = await vs.problems(MESSAGE);
    assert.match(problems, /rsyncd\.conf/);
    assert.match(problems, /rsyncd\/unknown-parameter/);
    assert.equal(await editorTabs().count(), 0, 'no editor was opened');
  });

  it('lists it again after a window reload, still with no editor open', async () => {
    await vs.reloadWindow();
    await vs.page.locator('.explorer-folders-view').waitFor();
    const listed = await problems(MESSAGE);
    assert.match(listed, /\[Ln 8, Col 5\]/);
    assert.equal(await problemRows().filter({ hasText: 'reed only' }).count(), 1);
    assert.equal(await editorTabs().count(), 0, 'no editor was opened');
    await vs.screenshot('01-problems-after-reload', {
      readme: 'workspace-problems',
      crop: [vs.page.locator('.part.panel .composite.title'), problemRows()],
    });
  });

  it('drops the problem once the file is fixed on disk', async () => {
    const file = path.join(vs.workspace, CONF);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('reed only', 'read only'));
    await problemRows().filter({ hasText: 'reed only' }).waitFor({ state: 'detached' });
    await vs.expectText(vs.page.locator('.markers-panel'), 'No problems have been detected in the workspace.');
    vs.assertOffline();
  });
});
