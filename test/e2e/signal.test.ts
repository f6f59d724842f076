// Signalling from the Downstreams view in a real VS Code (code-server) against a private OpenSSH
// sshd on 127.0.0.1, 127.0.1.2 and 127.0.1.3 (three downstreams): the test user's only key is
// `restrict,command="<recorder>"`, the recorder writes SSH_ORIGINAL_COMMAND and SSH_CONNECTION to a
// file, and the test asserts the exact runmirrors command arrived, and where from.
// Port, key and known_hosts exist only at run time, so the test writes them into the workspace copy
// (etc/runmirrors.mirror) and the Remote settings before code-server starts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommandRecorder } from '../support/recorder';
import { generateKey, Sshd, TEST_USER } from '../support/sshd';
import { UI_TIMEOUT, Workbench } from './harness';
import { signalSettings, writeMachineSettings, writeMirrorList } from './loopback';

describe('Signal a downstream from the tree in code-server', () => {
  let sshd: Sshd | undefined;
  let vs: Workbench | undefined;
  let scratch: string;
  let recorder: CommandRecorder | undefined;

  before(
    async () => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-signal-'));
      recorder = CommandRecorder.create();
      const key = await generateKey(scratch, 'pushmirror');
      sshd = await Sshd.start({ addresses: ['127.0.0.1', '127.0.1.2', '127.0.1.3'] });
      sshd.writeAuthorizedKeys(recorder.authorizedKeysLine(key.line));

      vs = new Workbench({ fixture: 'signal' });
      writeMirrorList(vs, [
        '# three downstreams: the private sshd on three loopback addresses',
        `all loopback 127.0.0.1 ${TEST_USER} -p ${sshd.port}`,
        `all eu.two 127.0.1.2 ${TEST_USER} -p ${sshd.port}`,
        `all eu.three 127.0.1.3 ${TEST_USER} -p ${sshd.port}`,
      ]);
      writeMachineSettings(vs, signalSettings(key.privateKey, sshd.knownHosts));
      await vs.start();
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await vs?.stop();
    await sshd?.dispose();
    recorder?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const tree = () =>
    vs!.page
      .locator(
        '[id="workbench.view.extension.pushMirror"] .monaco-list, .pane-body .monaco-list[aria-label*="Downstreams"]',
      )
      .first();

  it('shows the loopback downstream in the Downstreams view', async () => {
    const page = vs!.page;
    await page.locator('.activitybar [aria-label^="Push Mirror"]').first().click();
    await vs!.expectText(tree().locator('.monaco-list-row'), 'Loopback downstream');
    // Widen the side bar (drag its sash) so the node's description is readable in the screenshots.
    const bar = await page.locator('.part.sidebar').first().boundingBox();
    if (bar) {
      await page.mouse.move(bar.x + bar.width, bar.y + bar.height / 2);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 360, bar.y + bar.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await vs!.expectText(tree().locator('.monaco-list-row'), `${TEST_USER}@127.0.0.1 · never pushed`);
    await vs!.screenshot('01-tree');
  });

  it('signals it with the inline action: the forced command ran with sync:archive:debian sync:all', async () => {
    const page = vs!.page;
    const row = tree().locator('.monaco-list-row', { hasText: 'Loopback downstream' }).first();
    await row.hover();
    await row.locator('.actions .action-label[aria-label^="Signal Downstream"]').click();
    await vs!.notification('Signal loopback: 1 of 1 signalled');
    // The node's description now carries our result (runmirrors' log had none).
    await vs!.expectText(row, `${TEST_USER}@127.0.0.1 · pushed`, UI_TIMEOUT);
    await vs!.screenshot('02-signalled');
    assert.deepEqual(recorder!.commands(), ['sync:archive:debian sync:all']);
    // runmirrors' per-downstream log, in LOGDIR="${BASEDIR}/log" of the archvsync home.
    const log = fs.readFileSync(path.join(vs!.workspace, 'log', 'loopback.log'), 'utf8');
    assert.match(log, /Sending .*trigger/);
    assert.match(log, /signal received/);
    assert.match(log, /Result: ok/);
    await page.keyboard.press('Escape');
    vs!.assertOffline();
  });

  const dialog = () => vs!.page.locator('.monaco-dialog-box');
  const signalled = () => recorder!.commands().length;
  const QUESTION = 'Signal 3 downstreams of runmirrors.mirror?';

  it('Signal All from the palette asks first, naming the 3 downstreams; Escape signals nothing', async () => {
    const page = vs!.page;
    await vs!.runCommand('Push Mirror: Signal All Downstreams');
    await vs!.expectText(dialog(), QUESTION);
    await vs!.expectText(dialog(), 'They are loopback, eu.two and eu.three.');
    await vs!.expectText(dialog(), 'pushMirror.signal.confirmMany');
    await vs!.screenshot('03-signal-all-asks');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    assert.equal(signalled(), 1, 'only the earlier single signal');
  });

  it('Enter on the question picks one downstream instead of signalling all', async () => {
    const page = vs!.page;
    await vs!.runCommand('Push Mirror: Signal All Downstreams');
    await vs!.expectText(dialog(), QUESTION);
    // The focused (default) button is the harmless one.
    await vs!.expectText(dialog().locator('.monaco-button:focus'), 'Choose One Downstream…');
    await page.keyboard.press('Enter');
    const title = page.locator('.quick-input-widget .quick-input-title');
    await vs!.expectText(title, 'Signal which downstream of runmirrors.mirror?');
    await vs!.screenshot('04-enter-picks-one');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    assert.equal(signalled(), 1, 'Enter and Escape signalled nothing');
  });

  it('the title-bar button asks too; confirming signals all three', async () => {
    const page = vs!.page;
    await page.locator('.pane-header', { hasText: 'Downstreams' }).first().hover();
    await page.locator('.pane-header .action-label[aria-label^="Signal All Downstreams"]').first().click();
    await vs!.expectText(dialog(), QUESTION);
    await dialog().getByRole('button', { name: 'Signal 3 downstreams' }).click();
    await vs!.notification('Signal all downstreams of runmirrors.mirror: 3 of 3 signalled');
    await vs!.screenshot('05-signalled-all');
    assert.equal(signalled(), 4);
    // Each address got its signal; the downstreams on 127.0.1.x saw the upstream as 127.0.0.1.
    const servers = recorder!.connections().map((c) => c.split(' '));
    assert.deepEqual(
      servers
        .slice(1)
        .map((c) => c[2])
        .sort(),
      ['127.0.0.1', '127.0.1.2', '127.0.1.3'],
    );
    for (const c of servers) assert.equal(c[0], '127.0.0.1');
  });

  it('Check Host Key asks "Check the host key of which downstream?"', async () => {
    const page = vs!.page;
    await vs!.runCommand('Push Mirror: Check Host Key');
    await vs!.expectText(
      page.locator('.quick-input-widget .quick-input-title'),
      'Check the host key of which downstream?',
    );
    await vs!.screenshot('06-check-host-key-picker');
    await page.keyboard.press('Escape');
  });

  it('Copy authorized_keys Line on eu.two suggests from=127.0.0.1 and says which route', async () => {
    const page = vs!.page;
    const row = tree().locator('.monaco-list-row', { hasText: 'eu.two' }).first();
    await row.click({ button: 'right' });
    // A click that lands right as the menu opens only highlights the item (the menu ignores a mouse-up
    // that quick); hovering focuses the item and Enter runs it, whatever the timing.
    await page.locator('.context-view .action-label', { hasText: 'Copy authorized_keys Line' }).first().hover();
    await page.keyboard.press('Enter');
    await vs!.expectText(page.locator('.quick-input-widget'), '/usr/bin/ftpsync');
    await page.keyboard.press('Enter');
    await vs!.notification(
      'from= 127.0.0.1 (the source address this host uses to reach eu.two, as `ip route get 127.0.1.2` shows)',
    );
    await vs!.screenshot('07-copy-line-from');
    vs!.assertOffline();
  });
});
