// Signalling from the Downstreams view in a real VS Code (code-server) against a private OpenSSH
// sshd on 127.0.0.1: the test user's only key is `restrict,command="<recorder>"`, the recorder
// writes SSH_ORIGINAL_COMMAND to a file, and the test asserts the exact runmirrors command arrived.
// Port, key and known_hosts exist only at run time, so the test writes them into the workspace copy
// (etc/runmirrors.mirror) and the Remote settings before code-server starts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateKey, Sshd, TEST_USER } from '../support/sshd';
import { UI_TIMEOUT, Workbench } from './harness';

const RECORDER = `#!/bin/sh
# Forced command: what the upstream asked for, one line per login.
printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> "$(dirname "$0")/commands"
echo "signal received"
`;

describe('Signal a downstream from the tree in code-server', () => {
  let sshd: Sshd | undefined;
  let vs: Workbench | undefined;
  let scratch: string;
  let commands: string;

  before(
    async () => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-signal-'));
      // The recorder runs as the unprivileged test user: its directory must be writable for it.
      const recordDir = path.join(scratch, 'record');
      fs.mkdirSync(recordDir, { mode: 0o777 });
      fs.chmodSync(recordDir, 0o777);
      fs.chmodSync(scratch, 0o755);
      fs.writeFileSync(path.join(recordDir, 'record.sh'), RECORDER, { mode: 0o755 });
      commands = path.join(recordDir, 'commands');
      const key = await generateKey(scratch, 'pushmirror');
      sshd = await Sshd.start();
      sshd.writeAuthorizedKeys(`restrict,command="${path.join(recordDir, 'record.sh')}" ${key.line}\n`);

      vs = new Workbench({ fixture: 'signal' });
      fs.mkdirSync(path.join(vs.workspace, 'etc'), { recursive: true });
      fs.writeFileSync(
        path.join(vs.workspace, 'etc', 'runmirrors.mirror'),
        `# one downstream: the private sshd\nall loopback 127.0.0.1 ${TEST_USER} -p ${sshd.port}\n`,
      );
      // pushMirror.signal.keyFile / knownHostsFile have `machine` scope: in a remote window (code-server
      // is one) VS Code reads them from the Remote settings only and ignores them in User settings.
      const machine = path.join(vs.run, 'user-data', 'Machine');
      fs.mkdirSync(machine, { recursive: true });
      fs.writeFileSync(
        path.join(machine, 'settings.json'),
        JSON.stringify(
          {
            'pushMirror.signal.keyFile': key.privateKey,
            'pushMirror.signal.knownHostsFile': sshd.knownHosts,
            'pushMirror.signal.timeoutSeconds': 20,
            'pushMirror.signal.connectTimeoutSeconds': 10,
          },
          null,
          2,
        ),
      );
      await vs.start();
    },
    { timeout: 120_000 },
  );

  after(async () => {
    await vs?.stop();
    await sshd?.dispose();
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
    assert.deepEqual(fs.readFileSync(commands, 'utf8').split('\n').filter(Boolean), ['sync:archive:debian sync:all']);
    // runmirrors' per-downstream log, in LOGDIR="${BASEDIR}/log" of the archvsync home.
    const log = fs.readFileSync(path.join(vs!.workspace, 'log', 'loopback.log'), 'utf8');
    assert.match(log, /Sending .*trigger/);
    assert.match(log, /signal received/);
    assert.match(log, /Result: ok/);
    await page.keyboard.press('Escape');
    vs!.assertOffline();
  });
});
