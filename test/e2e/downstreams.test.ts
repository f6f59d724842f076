// The Downstreams view in a real VS Code (code-server) on the fixture archvsync home: the tree shows
// the lists grouped by inventory group (eu.one is in "Europe") and push type, with status from
// runmirrors' logs, and reveal opens the line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

describe('Downstreams view in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({ fixture: '../archvsync-home', shots: 'downstreams' });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const tree = () =>
    vs.page
      .locator(
        '.pane-body .monaco-list[aria-label*="Downstreams"], [id="workbench.view.extension.pushMirror"] .monaco-list',
      )
      .first();

  it('shows the fixture lists grouped by inventory group and push type, with status', async () => {
    await vs.page.locator('.activitybar [aria-label^="Push Mirror"]').first().click();
    for (const label of [
      'runmirrors.mirror',
      'Ungrouped',
      'staged',
      'mhop',
      'One (Europe)',
      'eu.two',
      'DELAY 60',
      'eu.three',
      'eu.hub',
      'pushmirror.yaml',
      'Lab mirror (no runmirrors)',
    ]) {
      await vs.expectText(tree().locator('.monaco-list-row'), label);
    }
    await vs.expectText(tree().locator('.monaco-list-row'), 'archvsync@two.example.org · push failed');
    await vs.screenshot('01-tree');
  });

  // Every write to a list, its config or the inventory reloads them; a reload that changes nothing the
  // rows show redrew every row, and an inline action clicked during a redraw lost its row.
  it('redraws the rows only when what they show changes', async () => {
    // Runs in the page, where these exist; this project's TypeScript has no DOM types.
    type Page = {
      pmMutations: number;
      MutationObserver: new (count: (m: unknown[]) => void) => { observe(node: unknown, options: object): void };
    };
    const rowsSeen = await tree()
      .locator('.monaco-list-rows')
      .evaluate((rows: { childElementCount: number }) => {
        const page = globalThis as unknown as Page;
        page.pmMutations = 0;
        new page.MutationObserver((m) => (page.pmMutations += m.length)).observe(rows, {
          subtree: true,
          childList: true,
          characterData: true,
        });
        return rows.childElementCount;
      });
    assert.ok(rowsSeen > 5, `${rowsSeen} rows`);
    const mutations = () => vs.page.evaluate(() => (globalThis as unknown as Page).pmMutations);
    const list = path.join(vs.workspace, 'etc', 'runmirrors.mirror');
    const inventory = path.join(vs.workspace, 'pushmirror.yaml');
    const yaml = fs.readFileSync(inventory, 'utf8');
    for (let write = 0; write < 3; write++) {
      fs.writeFileSync(list, fs.readFileSync(list));
      fs.writeFileSync(inventory, yaml);
      await vs.page.waitForTimeout(1500);
    }
    assert.equal(await mutations(), 0);
    // The same writes with a change the rows show do redraw them.
    fs.writeFileSync(inventory, yaml.replace('One (Europe)', 'Uno (Europe)'));
    await vs.expectText(tree().locator('.monaco-list-row'), 'Uno (Europe)');
    assert.ok((await mutations()) > 0);
    fs.writeFileSync(inventory, yaml);
    await vs.expectText(tree().locator('.monaco-list-row'), 'One (Europe)');
  });

  it('reveals the definition line of a downstream', async () => {
    await tree().locator('.monaco-list-row', { hasText: 'eu.four' }).first().click();
    await vs.page.locator('.tabs-container .tab.active', { hasText: 'runmirrors.mirror' }).waitFor();
    await vs.expectText(
      vs.page.locator('.editor-instance .monaco-editor .view-lines').first(),
      'staged eu.four four.example.org archvsync',
    );
    await vs.screenshot('02-reveal');
    vs.assertOffline();
  });

  it('says why a downstream only in pushmirror.yaml is not signalled (it said "Nothing to signal")', async () => {
    await vs.runCommand('Push Mirror: Signal Downstream');
    await vs.answerInput('eu.lab');
    await vs.notification(
      'eu.lab is only in pushmirror.yaml: runmirrors signals the downstreams of a runmirrors.mirror',
    );
    vs.assertOffline();
  });
});
