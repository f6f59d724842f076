// Walking skeleton in a real VS Code: the packaged .vsix activates on rsyncd.conf, its language
// server publishes the `reed only` typo, and the editor shows it as a squiggle, a hover and a
// Problems entry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

const MESSAGE = 'unknown parameter `reed only`; did you mean `read only`? rsync ignores this line.';

describe('walking skeleton in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      // The fixture names a path that does not exist here; file-system checks would add a warning.
      vs = await startWorkbench({ fixture: 'skeleton', settings: { 'pushMirror.checkFileSystem': false } });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  it('opens rsyncd.conf in the rsyncd.conf language mode', async () => {
    await vs.page.getByRole('treeitem', { name: 'rsyncd.conf' }).waitFor();
    await vs.screenshot('01-workbench');
    await vs.openFile('rsyncd.conf');
    await vs.expectLanguageMode('rsyncd.conf');
  });

  it('shows the language server diagnostic as an error squiggle with a hover', async () => {
    const squiggle = await vs.waitForSquiggle('error');
    const text = await vs.hover(squiggle, 'reed only');
    assert.ok(text.includes(MESSAGE), `hover text: ${text}`);
    assert.ok(text.includes('rsyncd/unknown-parameter'), `hover names the rule: ${text}`);
    await vs.screenshot('02-diagnostic-hover');
  });

  it('lists the problem in the Problems panel', async () => {
    await vs.page.keyboard.press('Escape');
    const problems = await vs.problems(MESSAGE);
    assert.match(problems, /rsyncd\/unknown-parameter/);
    assert.match(problems, /\[Ln 6, Col 1\]/);
    assert.equal(await vs.page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'reed only' }).count(), 1);
    await vs.screenshot('03-problems');
  });

  it('sent nothing off this machine', () => {
    vs.assertOffline();
  });
});
