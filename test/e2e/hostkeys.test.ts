// Host keys in a real VS Code (code-server), one window for the whole story (issue 12, items 1 and 3):
// the unknown-host modal's default button refuses (Enter does not trust), Trust and Remember writes
// the key, then known_hosts is edited from outside the editor (ssh-keygen -R + another key, as an
// admin would) and the next signal in the same window is refused as a changed host key; with the
// right key back, the next signal goes through, still without a reload.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../support/process';
import { CommandRecorder } from '../support/recorder';
import { generateKey, Sshd, TEST_USER } from '../support/sshd';
import { Workbench } from './harness';
import { signalSettings, writeMachineSettings, writeMirrorList } from './loopback';

describe('Host key trust in code-server: safe default, edits from outside seen without a reload', () => {
  let sshd: Sshd | undefined;
  let vs: Workbench | undefined;
  let scratch: string;
  let recorder: CommandRecorder | undefined;
  let knownHosts: string;
  let hostPub: string;
  let otherPub: string;
  let promptLine: string;

  before(
    async () => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-hostkeys-'));
      recorder = CommandRecorder.create();
      const key = await generateKey(scratch, 'pushmirror');
      otherPub = (await generateKey(scratch, 'not-the-host')).line.split(' ').slice(0, 2).join(' ');
      sshd = await Sshd.start();
      sshd.writeAuthorizedKeys(recorder.authorizedKeysLine(key.line));
      hostPub = sshd.hostKey.line.split(' ').slice(0, 2).join(' ');
      // The line the prompt must show: what ssh-keygen -lf prints for the host's known_hosts line.
      const probe = path.join(scratch, 'probe_known_hosts');
      fs.writeFileSync(probe, `[127.0.0.1]:${sshd.port} ${hostPub}\n`);
      promptLine = (await run('ssh-keygen', ['-lf', probe])).stdout.trim();
      assert.match(promptLine, /^256 SHA256:\S+ \[127\.0\.0\.1\]:\d+ \(ED25519\)$/);
      knownHosts = path.join(scratch, 'known_hosts');
      fs.writeFileSync(knownHosts, '');

      vs = new Workbench({ fixture: 'signal', shots: 'hostkeys' });
      writeMirrorList(vs, [`all loopback 127.0.0.1 ${TEST_USER} -p ${sshd.port}`]);
      writeMachineSettings(vs, signalSettings(key.privateKey, knownHosts));
      await vs.start();
      const page = vs.page;
      await page.locator('.activitybar [aria-label^="Push Mirror"]').first().click();
      await vs.expectText(row(), 'Loopback downstream');
      const bar = await page.locator('.part.sidebar').first().boundingBox();
      if (bar) {
        await page.mouse.move(bar.x + bar.width, bar.y + bar.height / 2);
        await page.mouse.down();
        await page.mouse.move(bar.x + bar.width + 360, bar.y + bar.height / 2, { steps: 5 });
        await page.mouse.up();
      }
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await vs?.stop();
    await sshd?.dispose();
    recorder?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const row = () =>
    vs!.page
      .locator(
        '[id="workbench.view.extension.pushMirror"] .monaco-list-row, .pane-body .monaco-list[aria-label*="Downstreams"] .monaco-list-row',
      )
      .filter({ hasText: 'Loopback downstream' })
      .first();
  const dialog = () => vs!.page.locator('.monaco-dialog-box');
  const recorded = () => recorder!.commands();
  const lines = () => fs.readFileSync(knownHosts, 'utf8').split('\n').filter(Boolean);
  const hostField = () => `[127.0.0.1]:${sshd!.port}`;

  /**
   * Clicks the row's Signal action and waits until the run shows (its progress toast or the dialog).
   * The view reloads when the previous run's log lands, which can swallow a click on the old row; a
   * repeated click is harmless (a signal in flight is joined, not sent twice).
   */
  async function signal(): Promise<void> {
    await vs!.runCommand('Notifications: Clear All Notifications');
    const started = vs!.page.locator('.notification-toast', { hasText: 'Signal loopback' }).or(dialog()).first();
    for (let attempt = 1; ; attempt++) {
      const r = row();
      await r.hover();
      await r.locator('.actions .action-label[aria-label^="Signal Downstream"]').click();
      try {
        await started.waitFor({ timeout: 5000 });
        return;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  }

  async function replaceLine(pub: string): Promise<void> {
    const removed = await run('ssh-keygen', ['-R', hostField(), '-f', knownHosts]);
    assert.equal(removed.code, 0, removed.stderr);
    fs.appendFileSync(knownHosts, `${hostField()} ${pub}\n`);
  }

  it('asks in ssh words with the ssh-keygen -lf line; Enter refuses and writes nothing', async () => {
    await signal();
    await vs!.expectText(dialog(), `The authenticity of host '${hostField()}' can't be established.`);
    await vs!.expectText(dialog(), promptLine);
    // Nothing is "sent" while the question is open.
    assert.doesNotMatch(await row().innerText(), /· sent/);
    // The dialog focuses its default button: that must be Refuse. Wait for it, so Enter goes to the dialog.
    await vs!.page.waitForFunction(
      `document.activeElement?.closest('.monaco-dialog-box') && document.activeElement.textContent.trim() === 'Refuse'`,
    );
    await vs!.screenshot('01-unknown-host-prompt');
    await vs!.page.keyboard.press('Enter');
    await vs!.notification('Signal loopback: 0 of 1 signalled');
    await vs!.expectText(row(), 'push failed');
    assert.deepEqual(lines(), [], 'Enter trusted the key');
    assert.deepEqual(recorded(), []);
  });

  it('Trust and Remember signals and writes one hashed line that ssh-keygen -F finds', async () => {
    await signal();
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Trust and Remember' }).click();
    await vs!.notification('Signal loopback: 1 of 1 signalled');
    assert.equal(lines().length, 1);
    assert.match(lines()[0], /^\|1\|/);
    assert.equal((await run('ssh-keygen', ['-F', hostField(), '-f', knownHosts])).code, 0);
    assert.deepEqual(recorded(), ['sync:archive:debian sync:all']);
  });

  it('after ssh-keygen -R and another key from outside, the same window refuses the changed key', async () => {
    await replaceLine(otherPub);
    await signal();
    const toast = await vs!.notification('Signal loopback: 0 of 1 signalled');
    await vs!.expectText(toast, 'has changed; refused');
    await vs!.expectText(row(), 'push failed');
    assert.equal(await dialog().count(), 0, 'a changed key must never be asked about');
    await vs!.screenshot('02-changed-key-refused');
    assert.deepEqual(recorded(), ['sync:archive:debian sync:all'], 'the signal went out with a changed key');
  });

  it('with the right key back, the next signal goes through, still without a reload', async () => {
    await replaceLine(hostPub);
    await signal();
    await vs!.notification('Signal loopback: 1 of 1 signalled');
    await vs!.expectText(row(), `${TEST_USER}@127.0.0.1 · pushed`);
    await vs!.screenshot('03-restored-key-accepted');
    assert.equal(recorded().length, 2);
    vs!.assertOffline();
  });
});
