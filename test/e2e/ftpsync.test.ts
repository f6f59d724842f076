// ftpsync.conf in a real VS Code: the language is recognised, the mistakes show as diagnostics, the
// hover explains a variable with the value ftpsync uses, the HUB quick fix applies, and "Test
// upstream login" (the lens on RSYNC_HOST) logs in to the real rsync daemon on loopback and shows the
// master trace; with a wrong password it shows the daemon's answer.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configFor, startUpstream, type Upstream } from '../support/ftpsync';
import { startWorkbench, type Workbench } from './harness';

describe('ftpsync.conf in code-server', () => {
  let vs: Workbench;
  let upstream: Upstream;
  before(
    async () => {
      upstream = await startUpstream();
      vs = await startWorkbench({ fixture: 'ftpsync' });
      const up = path.join(vs.workspace, 'upstream');
      fs.mkdirSync(up);
      fs.copyFileSync(upstream.daemon.configFile, path.join(up, 'rsyncd.conf'));
      fs.copyFileSync(path.join(upstream.daemon.dir, 'rsyncd.secrets'), path.join(up, 'rsyncd.secrets'));
      const text = `${configFor(upstream, path.join(vs.run, 'mirror'))}HUB=yes\nARCH_EXLUDE="i386"\n`;
      fs.writeFileSync(path.join(vs.workspace, 'ftpsync.conf'), text, { mode: 0o600 });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
    await upstream?.dispose();
  });

  const editor = () => vs.page.locator('.editor-instance .monaco-editor').first();
  const line = (text: string) => editor().locator('.view-line', { hasText: text }).first();

  it('opens ftpsync.conf as ftpsync.conf and shows its mistakes', async () => {
    await vs.openFile('ftpsync.conf');
    await vs.expectLanguageMode('ftpsync.conf');
    await vs.waitForSquiggle('error');
    const problems = await vs.problems('ftpsync tests `[[ ${HUB} = true ]]`');
    assert.match(problems, /ftpsync never reads ARCH_EXLUDE; did you mean ARCH_EXCLUDE\?/);
    assert.doesNotMatch(problems, new RegExp(upstream.password));
    await vs.screenshot('01-diagnostics');
    await vs.page.keyboard.press('Escape');
  });

  it('hovers RSYNC_HOST: what it is and the value ftpsync uses', async () => {
    const name = line('RSYNC_HOST=').locator('span span', { hasText: 'RSYNC_HOST' }).first();
    const text = await vs.hover(name, 'RSYNC_HOST');
    assert.ok(text.includes('The upstream host'), text);
    assert.ok(text.includes('ftpsync uses: 127.0.0.1'), text);
    await vs.screenshot('02-hover');
  });

  it('applies the HUB quick fix from the Ctrl+. menu', async () => {
    await vs.page.mouse.move(150, 600);
    await vs.goTo(8, 5);
    await vs.page.keyboard.press('Control+.');
    const fix = vs.page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Write HUB=true' });
    await fix.waitFor();
    await vs.screenshot('03-quick-fix-menu');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(editor().locator('.view-line'), 'HUB=true');
  });

  it('Test upstream login on the RSYNC_HOST lens logs in and shows the master trace', async () => {
    const lens = vs.page.locator('.codelens-decoration a', { hasText: 'Test upstream login' }).first();
    await lens.click();
    const toast = await vs.notification('accepted');
    const text = await toast.innerText();
    assert.match(
      text,
      /Login to eu3@127\.0\.0\.1:\d+::debian accepted\. Master trace: serial 2026120601, written \d+ min ago/,
    );
    assert.doesNotMatch(text, new RegExp(upstream.password));
    await vs.screenshot('04-login-accepted');
  });

  it("with a wrong password it shows the daemon's answer", async () => {
    await vs.runCommand('Notifications: Clear All Notifications');
    const value = line('RSYNC_PASSWORD=');
    await value.click();
    await vs.page.keyboard.press('End');
    await vs.page.keyboard.type('x');
    // The upstream's secrets file (in upstream/) no longer agrees: a diagnostic, the password not in it.
    const panel = vs.page.locator('.markers-panel');
    await vs.expectText(panel, 'RSYNC_PASSWORD is not the password of this user');
    assert.doesNotMatch(await panel.innerText(), /Lab-Password/);
    await vs.runCommand('Push Mirror: Test Upstream Login');
    const toast = await vs.notification('auth failed');
    assert.match(await toast.innerText(), /@ERROR: auth failed on module debian\. Check RSYNC_USER and RSYNC_PASSWORD/);
    await vs.screenshot('05-login-refused');
  });
});
