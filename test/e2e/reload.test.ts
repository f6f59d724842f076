// Issue 12, item 7 in a real VS Code (code-server) against a private OpenSSH sshd on 127.0.0.1: after
// a signal the Downstreams row said "pushed", after a window reload "sent … (runmirrors' log)". Now
// both come from one reading of the per-downstream log the signal wrote. The tail picker names the
// downstream's logs by the downstream, and the remote tail's tab names the host it follows.
// Port, keys and known_hosts exist only at run time: the test writes them into the workspace copy
// (etc/runmirrors.mirror, pushmirror.yaml) and the Remote settings before code-server starts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommandRecorder } from '../support/recorder';
import { ensureTestUser, generateKey, Sshd, TEST_USER } from '../support/sshd';
import { UI_TIMEOUT, Workbench } from './harness';
import { signalSettings, writeMachineSettings, writeMirrorList } from './loopback';

describe('Push status and log tails across a window reload in code-server', () => {
  let sshd: Sshd | undefined;
  let vs: Workbench | undefined;
  let scratch: string;
  let recorder: CommandRecorder | undefined;
  let remoteLog: string;

  before(
    async () => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-reload-'));
      fs.chmodSync(scratch, 0o755);
      recorder = CommandRecorder.create();
      // The downstream's own ftpsync log, which the log key may read (the trigger key may not).
      const user = await ensureTestUser();
      remoteLog = path.join(scratch, 'downstream-log', 'ftpsync.log');
      fs.mkdirSync(path.dirname(remoteLog), { mode: 0o755 });
      fs.writeFileSync(remoteLog, 'Nov 23 10:00:00 loopback ftpsync[77]: Mirrorsync start\n');
      fs.chownSync(remoteLog, user.uid, user.gid);
      const trigger = await generateKey(scratch, 'pushmirror');
      const logKey = await generateKey(scratch, 'pushmirror-logs');
      sshd = await Sshd.start();
      sshd.writeAuthorizedKeys(`${recorder.authorizedKeysLine(trigger.line)}restrict ${logKey.line}\n`);

      vs = new Workbench({ fixture: 'reload' });
      writeMirrorList(vs, [`all loopback 127.0.0.1 ${TEST_USER} -p ${sshd.port}`]);
      fs.writeFileSync(
        path.join(vs.workspace, 'pushmirror.yaml'),
        [
          'version: 1',
          'downstreams:',
          '  loopback:',
          '    displayName: Loopback downstream',
          '    log:',
          `      path: ${remoteLog}`,
          `      port: ${sshd.port}`,
          `      identityFile: ${logKey.privateKey}`,
          '',
        ].join('\n'),
      );
      writeMachineSettings(vs, signalSettings(trigger.privateKey, sshd.knownHosts));
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
  const row = () => tree().locator('.monaco-list-row', { hasText: 'Loopback downstream' }).first();

  async function openDownstreams(): Promise<void> {
    // Not a click on the activity bar icon: after a reload the window restores the Push Mirror side bar
    // by itself, and a click on the icon of the open container closes it again.
    await vs!.runCommand('View: Show Push Mirror');
    await vs!.expectText(tree().locator('.monaco-list-row'), 'Loopback downstream');
  }

  let rowAfterSignal = '';

  it('signals the downstream: the row says pushed, read from the log the signal wrote', async () => {
    await openDownstreams();
    await vs!.expectText(row(), `${TEST_USER}@127.0.0.1 · never pushed`);
    await row().hover();
    await row().locator('.actions .action-label[aria-label^="Signal Downstream"]').click();
    await vs!.notification('Signal loopback: 1 of 1 signalled');
    await vs!.expectText(row(), `${TEST_USER}@127.0.0.1 · pushed`, UI_TIMEOUT);
    rowAfterSignal = (await row().innerText()).replace(/\s+/g, ' ').trim();
    assert.match(rowAfterSignal, /pushed \d+ min ago/);
    assert.match(fs.readFileSync(path.join(vs!.workspace, 'log', 'loopback.log'), 'utf8'), /Result: ok, exit 0/);
    await vs!.page.keyboard.press('Escape');
    await vs!.screenshot('01-signalled');
  });

  it('names the downstream’s logs by the downstream; the remote tail’s tab names the host', async () => {
    const picker = vs!.page.locator('.quick-input-widget');
    const remote = picker.locator('.monaco-list-row', { hasText: 'ftpsync log of loopback' }).first();
    // The tree re-renders once the log is re-read; an inline action clicked during that render reaches
    // the command without its row (then the general log picker opens). Click again then, a few times.
    for (let attempt = 1; ; attempt++) {
      await row().hover();
      await row().locator('.actions .action-label[aria-label^="Tail Sync Log"]').click();
      const opened = await remote.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (opened) break;
      if (attempt === 3) throw new Error('the downstream tail picker never opened');
      await vs!.page.keyboard.press('Escape');
    }
    await vs!.expectText(picker.locator('.monaco-list-row'), 'loopback — runmirrors log');
    await vs!.screenshot('02-tail-picker');
    await vs!.pickQuickItem('ftpsync log of loopback');
    const tab = vs!.page.locator('.tabs-container .tab.active');
    await vs!.expectText(tab, 'ftpsync.log — loopback');
    await vs!.expectText(
      vs!.page.locator('.editor-instance .monaco-editor .view-lines').first(),
      'ftpsync[77]: Mirrorsync start',
    );
    // A unique name: no folder ("1", "2") added to tell it from another tail.
    assert.equal((await tab.locator('.label-description').allInnerTexts()).join('').trim(), '');
    fs.appendFileSync(remoteLog, 'Nov 23 10:00:05 loopback ftpsync[77]: Back from rsync with returncode 0\n');
    await vs!.expectText(
      vs!.page.locator('.editor-instance .monaco-editor .view-lines').first(),
      'Back from rsync with returncode 0',
    );
    await vs!.screenshot('03-remote-tail');
  });

  it('after a window reload the row says exactly what it said after the signal', async () => {
    await vs!.reloadWindow();
    await openDownstreams();
    await vs!.expectText(row(), `${TEST_USER}@127.0.0.1 · pushed`);
    const reloaded = (await row().innerText()).replace(/\s+/g, ' ').trim();
    // The age may have moved on by a minute; everything else is the same text.
    assert.equal(reloaded.replace(/\d+ min ago/, 'N min ago'), rowAfterSignal.replace(/\d+ min ago/, 'N min ago'));
    assert.doesNotMatch(reloaded, /\bsent\b/);
    await vs!.screenshot('04-after-reload');
    vs!.assertOffline();
  });
});
