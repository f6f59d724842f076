// The two walkthroughs in a real VS Code: they are listed, their steps open the real files and
// commands, completion events tick the steps, and "start the daemon" says which program starts
// rsync's daemon on this host (the same answer src/engine/daemon gives here).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { describeDaemonStart } from '../../src/engine/daemon/describe';
import { detectDaemonStart } from '../../src/engine/daemon/detect';
import { startWorkbench, type Workbench } from './harness';
import { allowWebviews } from './webviews';

describe('walkthroughs in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({
        fixture: 'walkthrough',
        // The fixture's paths are an upstream's, not this machine's.
        settings: { 'pushMirror.checkFileSystem': false },
      });
      await allowWebviews(vs);
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const page = () => vs.page.locator('.gettingStartedContainer');
  const step = (title: string): Locator => page().locator('button.getting-started-step', { hasText: title }).first();
  /** The step's checkbox, ticked by its completion events. */
  const done = async (title: string) =>
    (await step(title).locator('[data-done-step-id]').getAttribute('aria-checked')) === 'true';
  async function expectDone(title: string): Promise<void> {
    await step(title).locator('[data-done-step-id][aria-checked="true"]').waitFor();
  }
  /** Opens a walkthrough from the palette and waits until its first step is shown (the page slides in). */
  async function openWalkthrough(title: string, firstStep: string): Promise<void> {
    await vs.runCommand('Welcome: Open Walkthrough...');
    await vs.pickQuickItem(title);
    await step(firstStep).waitFor();
    await vs.expectText(page(), title);
  }
  async function select(title: string): Promise<void> {
    await step(title).click();
    await page().locator('button.getting-started-step.expanded', { hasText: title }).waitFor();
  }
  const button = (title: string) => page().locator('.getting-started-step.expanded .monaco-button', { hasText: title });

  it('lists the upstream walkthrough with its seven steps and their picture', async () => {
    await openWalkthrough('Push Mirror: Run an Upstream', 'Check rsyncd.conf and its secrets file');
    const titles = (await page().locator('button.getting-started-step h3.step-title').allInnerTexts()).map((t) =>
      t.trim(),
    );
    assert.deepEqual(titles, [
      'Check rsyncd.conf and its secrets file',
      'Start the rsync daemon',
      "Add a downstream's rsync account",
      'Generate the trigger key',
      'List the downstream in runmirrors.mirror',
      'Send the first signal',
      'Tail its log',
    ]);
    // The first step is open and shows its diagram (an SVG in a webview, themed by the workbench).
    const media = vs.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    await media.locator('svg text', { hasText: 'rsyncd.conf' }).first().waitFor();
    assert.equal(await done('Check rsyncd.conf and its secrets file'), false);
  });

  it('"Open rsyncd.conf" opens the real file beside the walkthrough and ticks the step', async () => {
    await button('Open rsyncd.conf').click();
    await vs.page.locator('.tabs-container .tab', { hasText: 'rsyncd.conf' }).waitFor();
    await expectDone('Check rsyncd.conf and its secrets file');
    await vs.screenshot('01-upstream-walkthrough', {
      readme: 'walkthrough',
      crop: [vs.page.locator('.editor-group-container').first()],
    });
  });

  it('"start the daemon" says what starts rsync here and whether it reads the open rsyncd.conf', async () => {
    await select('Start the rsync daemon');
    await button('Open inetd.conf').click();
    await vs.page.locator('.tabs-container .tab.active', { hasText: 'inetd.conf' }).waitFor();
    // The status bar names the language of the focused editor: click into the file.
    const inetd = vs.page.locator('.editor-group-container', {
      has: vs.page.locator('.tabs-container .tab.active', { hasText: 'inetd.conf' }),
    });
    await inetd.locator('.view-lines').first().click();
    await vs.expectLanguageMode('inetd.conf');
    await button('Find What Starts rsync Here').click();
    const expected = describeDaemonStart(detectDaemonStart('/'), path.join(vs.workspace, 'rsyncd.conf')).headline;
    await vs.notification(expected);
    await expectDone('Start the rsync daemon');
    await vs.screenshot('02-daemon-start');
  });

  it('the downstream walkthrough: authorized_keys, ftpsync.conf, the first sync', async () => {
    await vs.page.keyboard.press('Escape');
    await vs.runCommand('View: Close All Editor Groups');
    await openWalkthrough('Push Mirror: Run a Downstream', 'Install the trigger key in authorized_keys');
    await step('Tail its log').waitFor({ state: 'detached' });
    const titles = (await page().locator('button.getting-started-step h3.step-title').allInnerTexts()).map((t) =>
      t.trim(),
    );
    assert.deepEqual(titles, [
      'Install the trigger key in authorized_keys',
      'Check ftpsync.conf',
      'Watch the first sync',
    ]);
    await select('Check ftpsync.conf');
    await button('Show Problems').click();
    await vs.page.locator('.markers-panel').waitFor();
    await expectDone('Check ftpsync.conf');
    await select('Watch the first sync');
    await button('Show This Mirror').click();
    await vs.openView('This Mirror');
    await expectDone('Watch the first sync');
    // The panel's own Hide button: keys typed while a walkthrough's webview has focus stay there, and a
    // click on the status bar to move focus can land on an item (the Problems count, since the
    // workspace check fills it).
    await vs.page.locator('.part.panel .action-label[aria-label^="Hide Panel"]').first().click();
    await vs.page.locator('.markers-panel').waitFor({ state: 'hidden' });
    await vs.screenshot('03-downstream-walkthrough');
  });

  it('the extension icon shows in the Extensions view', async () => {
    await vs.page.locator('.activitybar .action-label[aria-label^="Extensions"]').first().click();
    const row = vs.page.locator('.extension-list-item', { hasText: 'Push Mirror' }).first();
    await row.waitFor();
    // A string, not a function: tsx would add helpers to a function's source that the page lacks.
    const measure = () =>
      vs.page.evaluate(`(() => {
        const row = [...document.querySelectorAll('.extension-list-item')].find((r) => r.textContent.includes('Push Mirror'));
        const img = row && row.querySelector('img.icon');
        return img ? [img.complete, img.naturalWidth, img.naturalHeight, decodeURIComponent(img.src)] : [false, 0, 0, ''];
      })()`) as Promise<[boolean, number, number, string]>;
    const deadline = Date.now() + 10_000;
    let [complete, width, height, src] = await measure();
    while (!(complete && width > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100)); // the image loads from the extension's folder
      [complete, width, height, src] = await measure();
    }
    assert.deepEqual([width, height], [128, 128], src);
    assert.match(src, /\/media\/icon\.png/);
    await vs.page.mouse.move(700, 700); // off the activity bar, whose tooltip would cover the list
    await vs.screenshot('04-extension-icon');
    vs.assertOffline();
  });
});
