// A rule code in the Problems view or a diagnostic's hover opens that rule's section of the rule
// reference as rendered Markdown (the built-in preview, scrolled to the rule), not docs/rules.md as
// raw text at line 1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { startWorkbench, UI_TIMEOUT, type Workbench } from './harness';
import { allowWebviews } from './webviews';

describe('rule documentation opens at the rule, in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({
        fixture: 'rsyncd',
        shots: 'ruledocs',
        // The fixture's paths do not exist on this machine.
        settings: { 'pushMirror.checkFileSystem': false },
      });
      await allowWebviews(vs);
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  /** The rendered preview: the webview's outer frame, then its content frame. */
  const preview = (): FrameLocator =>
    vs.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');

  /** Waits until the heading with `id` is rendered near the top of the preview (scrolled to). */
  async function expectScrolledTo(id: string, code: string): Promise<void> {
    const heading = preview().locator(`h3#${id}`);
    await heading.waitFor();
    assert.equal((await heading.innerText()).trim(), code);
    const frame = await vs.page.locator('iframe.webview.ready').last().boundingBox();
    await vs.page.waitForFunction(([top]) => top !== undefined, [frame?.y], { timeout: UI_TIMEOUT });
    // Scrolled: the heading sits in the upper part of the preview, not 1,400 lines further down.
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      const box = await heading.boundingBox();
      if (box && frame && box.y >= frame.y - 1 && box.y < frame.y + frame.height / 3) return;
      if (Date.now() > deadline)
        throw new Error(`${code} is not scrolled into view: ${JSON.stringify({ box, frame })}`);
      await new Promise((r) => setTimeout(r, 100)); // the preview scrolls after rendering; poll its position
    }
  }

  it('a code in the Problems view opens the rule, rendered, scrolled to its heading', async () => {
    await vs.openFile('rsyncd.conf');
    await vs.waitForSquiggle('error');
    await vs.problems('unknown parameter `reed only`');
    const link = vs.page.locator('.markers-panel a.monaco-link', { hasText: 'rsyncd/unknown-parameter' }).first();
    await link.click();
    await vs.page.locator('.tabs-container .tab.active', { hasText: 'Preview rules.md' }).waitFor();
    await expectScrolledTo('rsyncdunknown-parameter', 'rsyncd/unknown-parameter');
    await expect(preview().locator('body'), 'Default severity: error.');
    // The raw text of rules.md was not opened instead.
    assert.equal(await vs.page.locator('.tabs-container .tab', { hasText: /^rules\.md/ }).count(), 0);
    await vs.screenshot('01-rule-from-problems');
  });

  it("the code link in a diagnostic's hover opens its rule", async () => {
    await vs.page.locator('.tabs-container .tab', { hasText: 'rsyncd.conf' }).first().click();
    await vs.runCommand('View: Hide Panel');
    const squiggle = vs.page.locator('.editor-instance .monaco-editor .squiggly-error').nth(1);
    await vs.hover(squiggle, 'rsyncd/bad-boolean');
    await vs.page.locator('.monaco-hover a.code-link', { hasText: 'rsyncd/bad-boolean' }).first().click();
    await expectScrolledTo('rsyncdbad-boolean', 'rsyncd/bad-boolean');
    await vs.page.mouse.move(700, 700); // off the squiggle: the hover closes
    await vs.page.locator('.monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
    await vs.screenshot('02-rule-from-hover');
    vs.assertOffline();
  });

  async function expect(target: ReturnType<FrameLocator['locator']>, text: string): Promise<void> {
    await target.filter({ hasText: text }).first().waitFor();
  }
});
