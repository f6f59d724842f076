// rsyncd.conf editing in a real VS Code: the hover on a parameter explains what rsync does with it,
// Ctrl+Space completes a parameter name inside a module, the `reed only` quick fix applies from
// the Ctrl+. menu and its error goes away, the Outline lists the modules, and an error far down a long
// file gets its squiggle.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

describe('rsyncd.conf language features in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      vs = await startWorkbench({
        fixture: 'rsyncd',
        settings: {
          // The fixture's paths do not exist on this machine.
          'pushMirror.checkFileSystem': false,
          // Suggestions open only on Ctrl+Space, so the test sees exactly what it asked for
          // (the server's trigger characters include the space of an indent).
          'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
          'editor.suggestOnTriggerCharacters': false,
        },
      });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const editor = () => vs.page.locator('.editor-instance .monaco-editor').first();
  /** The rendered editor line containing `text` (Monaco renders spaces as U+00A0; hasText normalises them). */
  const line = (text: string) => editor().locator('.view-line', { hasText: text }).first();

  it('opens rsyncd.conf and shows the four mistakes as errors', async () => {
    await vs.openFile('rsyncd.conf');
    await vs.expectLanguageMode('rsyncd.conf');
    await vs.waitForSquiggle('error');
    const problems = await vs.problems('unknown parameter `reed only`; did you mean `read only`?');
    assert.match(problems, /`on` is not a boolean rsync accepts/);
    assert.match(problems, /refuse options are separated by spaces only/);
    assert.match(problems, /`port` is a global parameter; in module \[debian\] rsync ignores it/);
    await vs.page.keyboard.press('Escape');
  });

  it('hovers a parameter name: scope, type, default and what rsync reads', async () => {
    const name = line('max connections = 10').locator('span span', { hasText: 'max' }).first();
    const text = await vs.hover(name, 'max connections');
    assert.ok(
      text.includes(
        'max connections: int, module (a value in the global part is the default for later modules). Default: 0 (no limit).',
      ),
      `hover text: ${text}`,
    );
    assert.ok(text.includes('a negative value disables the module'), `hover text: ${text}`);
    assert.ok(text.includes('rsync reads: 10.'), `hover text: ${text}`);
    await vs.screenshot('01-hover-parameter', {
      readme: 'rsyncd-diagnostics',
      crop: [
        vs.page.locator('.monaco-hover:not(.hidden)'),
        editor().locator('.view-line'),
        vs.page.locator('.markers-panel .monaco-list-row'),
      ],
    });
  });

  it('applies the `read only` quick fix from the Ctrl+. menu; its error goes away', async () => {
    assert.equal(await squiggleOn(vs, 'reed only'), true);
    // Keyboard only: a mouse left on the text would open a hover over the menu.
    await vs.page.mouse.move(150, 500);
    await vs.goTo(11, 5);
    await vs.page.keyboard.press('Control+.');
    const fix = vs.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Change to `read only`' });
    await fix.waitFor();
    await vs.screenshot('02-quick-fix-menu');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(editor().locator('.view-line'), 'read only = yes');
    await waitSquiggle(vs, 'read only = yes', false);
    assert.equal(await editor().locator('.view-line', { hasText: 'reed only' }).count(), 0);
    // The other three mistakes are untouched and still flagged.
    for (const other of ['list = on', 'refuse options = delete,checksum', 'port = 873'])
      assert.equal(await squiggleOn(vs, other), true, other);
    await vs.screenshot('03-quick-fix-applied');
  });

  it('completes a parameter name in a module with Ctrl+Space', async () => {
    // Line 14 of the fixture is the empty line inside [debian].
    await vs.goTo(14, 1);
    await vs.page.keyboard.type('    hos');
    await vs.page.keyboard.press('Control+Space');
    const widget = vs.page.locator('.editor-widget.suggest-widget.visible');
    await vs.expectText(widget, 'hosts deny');
    const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(labels, ['hosts allow', 'hosts deny']);
    await vs.expectText(widget.locator('.monaco-list-row.focused'), 'hosts allow');
    await vs.screenshot('04-completion');
    await vs.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    await vs.page.keyboard.type('192.0.2.0/24');
    await vs.expectText(line('hosts allow'), 'hosts allow = 192.0.2.0/24');
    const lines = (await vs.saveAndRead('rsyncd.conf', 'hosts allow = 192.0.2.0/24')).split('\n');
    assert.equal(lines[10], '    read only = yes', lines.join('\n'));
    assert.equal(lines[13], '    hosts allow = 192.0.2.0/24', lines.join('\n'));
    // A valid hosts allow entry adds no problem of its own.
    assert.equal(await squiggleOn(vs, 'hosts allow'), false);
  });

  it('lists the global part and both modules in the Outline', async () => {
    await vs.page.keyboard.press('Escape');
    await vs.runCommand('View: Hide Panel');
    await vs.runCommand('Explorer: Focus on Outline View');
    const outline = vs.page.locator('.pane', { has: vs.page.locator('.pane-header', { hasText: 'Outline' }) });
    await outline.getByRole('treeitem').first().waitFor();
    // Sections start expanded; collapsed, the three top-level symbols fit the pane.
    await outline.locator('.pane-header .action-label[aria-label^="Collapse All"]').click();
    const items = outline.getByRole('treeitem');
    await vs.expectText(items.nth(2), '[debian-security]');
    assert.deepEqual(
      (await items.locator('.label-name').allInnerTexts()).map((s) => s.trim()),
      ['global', '[debian]', '[debian-security]'],
    );
    // The detail is the module's comment.
    assert.deepEqual(
      (await items.locator('.label-description').allInnerTexts()).map((s) => s.trim()),
      ['global', 'Debian archive', 'Debian security updates'],
    );
    await vs.page.mouse.move(700, 700); // off the header button, whose tooltip would cover the pane
    await vs.screenshot('05-outline');
    vs.assertOffline();
  });

  // VS Code draws squiggles for the first 500 diagnostics of a file, in the order the server sends them:
  // in document order, the error below 600 warnings had none (it was only in the Problems view).
  it('squiggles an error below 600 warnings', async () => {
    const modules = Array.from({ length: 600 }, (_, i) => `[m${i}]\n    path = /srv/m${i}\n    read only = no\n`);
    fs.writeFileSync(
      path.join(vs.workspace, 'rsyncd-many.conf'),
      `${modules.join('')}[last]\n    path = /srv/last\n    reed only = yes\n`,
    );
    await vs.openFile('rsyncd-many.conf');
    await vs.goTo(1803, 6);
    await line('reed only = yes').waitFor();
    const squiggle = editor().locator('.squiggly-error');
    await squiggle.first().waitFor();
    assert.equal(await squiggle.count(), 1);
    assert.match(await vs.hover(squiggle.first(), 'reed only'), /unknown parameter `reed only`/);
    await vs.page.keyboard.press('Escape');
  });
});

/** Whether an error squiggle is drawn on the editor line that contains `text` (now, no waiting). */
async function squiggleOn(vs: Workbench, text: string): Promise<boolean> {
  return (await vs.page.evaluate(squiggleScript(text))) as boolean;
}

/** Waits until the line containing `text` has (or no longer has) an error squiggle. */
async function waitSquiggle(vs: Workbench, text: string, present: boolean): Promise<void> {
  await vs.page.waitForFunction(`${squiggleScript(text)} === ${present}`);
}

// A string, not a function: tsx would add helpers to a function's source that do not exist in the page.
function squiggleScript(text: string): string {
  return `(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    if (!editor) return false;
    const lines = [...editor.querySelectorAll('.view-line')].filter((l) => l.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(text)}));
    const squiggles = [...editor.querySelectorAll('.squiggly-error')].map((s) => s.getBoundingClientRect());
    return lines.some((l) => { const r = l.getBoundingClientRect(); return squiggles.some((s) => s.top < r.bottom && s.bottom > r.top); });
  })()`;
}
