// Did the push land? (issue 15) in a real VS Code (code-server) on the two-mirror lab: the real rsync
// daemon upstream, a downstream sshd whose restricted key runs the real ftpsync ("good", 127.0.0.1),
// one whose forced command is missing ("broken", 127.0.1.2), and an HTTP server with their traces.
// This mirror is the lab's upstream archive, with the site trace and _hierarchy its own ftpsync would
// have written. The test signals from the tree and waits for the row to read "synced in N s", sees
// "never synced" with its cause, the freshness of the downstreams and of this mirror, the hierarchy,
// and Cancel stopping a wait.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dateLine } from '../support/ftpsync';
import { TEST_USER } from '../support/sshd';
import { Lab } from '../integration/lab/lab';
import { startStaticServer, type StaticServer } from '../integration/lab/static';
import { UI_TIMEOUT, Workbench } from './harness';
import { signalSettings, writeMachineSettings } from './loopback';

const HUB = 'hub.example.org';
/** A push in the lab lands in seconds; the HOOK2 sleep makes each sync take 4 s more. */
const LANDS_WITHIN = 90_000;

describe('Did the push land? Signal from the tree, watch the row', () => {
  let lab: Lab | undefined;
  let upstreamHttp: StaticServer | undefined;
  let vs: Workbench | undefined;

  /** This mirror's ftpsync finished a sync of `serial`: its site trace and _hierarchy, as ftpsync writes them. */
  const hubSynced = (serial: string) => {
    const dir = path.join(lab!.upstream.archive, 'project', 'trace');
    const now = new Date();
    const rfc = now.toUTCString().replace('GMT', '+0000');
    fs.writeFileSync(
      path.join(dir, HUB),
      [
        dateLine(now),
        `Date: ${rfc}`,
        `Date-Started: ${rfc}`,
        `Archive serial: ${serial}`,
        'Used ftpsync version: 20180513+nmu1',
        'Creator: ftpsync 20180513+nmu1',
        'Running on host: 127.0.0.1',
        'Architectures: amd64 arm64 i386 source',
        'Architectures-Configuration: ALL',
        'Upstream-mirror: ftp-master.example.org',
        'Trigger: cron',
        '',
      ].join('\n'),
    );
    // TRACEHOST is the name its downstreams use as RSYNC_HOST: 127.0.0.1 in the lab.
    const hop = `${HUB} ${HUB} 127.0.0.1 ftp-master.example.org\n`;
    fs.writeFileSync(path.join(dir, '_hierarchy'), hop);
    fs.writeFileSync(path.join(dir, '_hierarchy.mirror'), hop);
  };

  before(
    async () => {
      lab = await Lab.start({ slowSyncSeconds: 4 });
      hubSynced('2026120601');
      upstreamHttp = await startStaticServer({ up: lab.upstream.archive });

      vs = new Workbench({ fixture: 'propagation' });
      const etc = path.join(vs.workspace, 'etc');
      fs.mkdirSync(etc, { recursive: true });
      fs.copyFileSync(lab.mirrorList, path.join(etc, 'runmirrors.mirror'));
      fs.writeFileSync(path.join(etc, 'runmirrors.conf'), 'LOGDIR="${BASEDIR}/log"\n');
      fs.copyFileSync(lab.inventory, path.join(vs.workspace, 'pushmirror.yaml'));
      fs.writeFileSync(
        path.join(etc, 'ftpsync.conf'),
        `MIRRORNAME="${HUB}"\nTO="${lab.upstream.archive}"\nRSYNC_HOST="127.0.0.1"\nLOGDIR="\${BASEDIR}/log"\n`,
      );
      writeMachineSettings(vs, {
        ...signalSettings(lab.triggerKey.privateKey, lab.knownHosts),
        'pushMirror.signal.timeoutSeconds': 30,
        'pushMirror.signal.waitSeconds': 60,
        'pushMirror.mirrorStatus.upstreamMaster': upstreamHttp.url('up', 'project/trace/master'),
      });
      await vs.start();
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await vs?.stop();
    await upstreamHttp?.close();
    await lab?.dispose();
  });

  const tree = () =>
    vs!.page
      .locator(
        '[id="workbench.view.extension.pushMirror"] .monaco-list[aria-label*="Downstreams"], .pane-body .monaco-list[aria-label*="Downstreams"]',
      )
      .first();
  const good = () =>
    tree()
      .locator('.monaco-list-row', { hasText: `${TEST_USER}@127.0.0.1` })
      .first();
  const broken = () =>
    tree()
      .locator('.monaco-list-row', { hasText: `${TEST_USER}@127.0.1.2` })
      .first();
  /**
   * Clicks the row's Signal action until the signal starts (its progress toast shows). The tree renders
   * again whenever a log or trace is read; an action clicked during that render may reach the command
   * without its row (which then asks which downstream: Escape) or miss: click again then. A run shows
   * its toast at once, so one still missing after 10 s was never started (a second run would not be
   * harmless: it watches the push too).
   */
  const signalFromRow = async (row: ReturnType<typeof good>, name: string) => {
    const page = vs!.page;
    const started = page.locator('.notification-toast', { hasText: `Signal ${name}` }).first();
    const asked = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Signal which downstream?' });
    for (let attempt = 1; ; attempt++) {
      await row.hover();
      await row.locator('.actions .action-label[aria-label^="Signal Downstream"]').click();
      const seen = await started
        .or(asked)
        .first()
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      if (seen && (await started.isVisible())) return;
      if (attempt === 3) throw new Error(`the Signal action of ${name}'s row did not start a signal in 3 clicks`);
      if (seen) {
        await page.keyboard.press('Escape');
        await asked.waitFor({ state: 'hidden' });
      }
    }
  };
  /**
   * A row's tooltip. A tree row re-rendered under a resting pointer (the row just clicked, updated since)
   * may not open its hover on the first move onto it; leave and come back until it does, bounded.
   */
  const tooltipOf = async (row: ReturnType<typeof good>, expected: string) => {
    const deadline = Date.now() + UI_TIMEOUT;
    const hover = vs!.page.locator('.monaco-hover:not(.hidden)', { hasText: expected }).first();
    for (;;) {
      const box = (await row.boundingBox())!;
      await vs!.page.mouse.move(1000, 400);
      await vs!.page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 5 });
      try {
        await hover.waitFor({ timeout: 3000 });
        return hover.innerText();
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  };
  const goodSite = () => fs.readFileSync(path.join(lab!.good.sandbox.to, 'project', 'trace', lab!.good.site), 'utf8');

  it("shows each downstream's freshness against this mirror's master trace", async () => {
    const page = vs!.page;
    await page.locator('.activitybar [aria-label^="Push Mirror"]').first().click();
    await vs!.expectText(tree().locator('.monaco-list-row'), 'good');
    const bar = await page.locator('.part.sidebar').first().boundingBox();
    if (bar) {
      await page.mouse.move(bar.x + bar.width, bar.y + bar.height / 2);
      await page.mouse.down();
      await page.mouse.move(bar.x + bar.width + 420, bar.y + bar.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    await vs!.expectText(good(), `${TEST_USER}@127.0.0.1 · never pushed · current`);
    await vs!.expectText(broken(), 'current');
    await vs!.screenshot('01-freshness');
  });

  it('shows This Mirror judged against its upstream master trace', async () => {
    const pane = await vs!.openView('This Mirror');
    const row = pane.locator('.monaco-list-row', { hasText: 'ftpsync' }).first();
    await vs!.expectText(row, 'idle · current');
    await tooltipOf(row, 'Judged against the upstream');
    await vs!.screenshot('02-this-mirror');
    await vs!.page.keyboard.press('Escape');
  });

  it('signals good from the tree; the row turns to "synced in N s" once its trace changes', async () => {
    const page = vs!.page;
    const serial = lab!.publish();
    hubSynced(serial);
    // Held in its HOOK2 until looked at: on a busy machine the sync could land before the spinner is seen.
    const release = lab!.holdSyncs();
    try {
      await signalFromRow(good(), 'good');
      // While the sync runs: the row's icon spins, the progress notification says so.
      await good().locator('.codicon-sync').waitFor({ timeout: LANDS_WITHIN });
      await vs!.expectText(page.locator('.notification-toast', { hasText: 'Signal good' }), 'good syncing');
      await vs!.screenshot('03-syncing');
    } finally {
      release();
    }
    await vs!.expectText(good(), 'synced in', LANDS_WITHIN);
    const text = await good().innerText();
    const seconds = Number(/synced in (\d+) s/.exec(text)?.[1]);
    assert.ok(seconds >= 1 && seconds < 60, text);
    await vs!.notification('Signal good: 1 of 1 signalled');
    await vs!.notification(`Signal good: good synced in ${seconds} s`);
    // The pointer left on the row's Signal button would put its tooltip in the picture.
    await page.mouse.move(1000, 300);
    await vs!.screenshot('04-synced', {
      readme: 'downstreams-synced',
      crop: [page.locator('.pane-header', { hasText: 'Downstreams' }), tree().locator('.monaco-list-row')],
    });
    await vs!.screenshot('04-synced-notifications', {
      readme: 'signal-result',
      crop: [page.locator('.notification-toast', { hasText: 'Signal good' })],
    });
    // The downstream's real ftpsync wrote the new serial; the row's freshness was read again.
    assert.match(goodSite(), new RegExp(`Archive serial: ${serial}`));
    await vs!.expectText(good(), `synced in ${seconds} s · current`);
  });

  it('signals broken: "never synced", the cause in the tooltip', async () => {
    await signalFromRow(broken(), 'broken');
    await vs!.expectText(broken(), 'never synced', LANDS_WITHIN);
    await vs!.notification('Signal broken: never synced: broken');
    const tip = await tooltipOf(broken(), 'the forced command was not found (exit 127)');
    assert.match(tip, /Freshness \(as Debian's mirror checker judges it\): current/);
    await vs!.screenshot('05-never-synced');
    await vs!.page.keyboard.press('Escape');
  });

  it('shows the hierarchy: this mirror above good, one push path each', async () => {
    // Room for the hierarchy in the screenshot: fold the two views above it.
    for (const title of ['Downstreams', 'This Mirror']) {
      const header = vs!.page.locator('.pane-header', { hasText: title }).first();
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const pane = await vs!.openView('Hierarchy');
    await vs!.expectText(pane.locator('.monaco-list-row'), `${HUB} (this mirror)`);
    const row = pane.locator('.monaco-list-row', { hasText: 'good' }).first();
    await vs!.expectText(row, 'pulls from 127.0.0.1');
    await vs!.expectText(pane.locator('.monaco-list-row'), 'one push path');
    // good synced after this mirror wrote its _hierarchy.mirror: its chain starts at this mirror.
    await vs!.expectText(pane.locator('.monaco-list-row'), `${HUB} → ${lab!.good.site}`);
    await vs!.screenshot('06-hierarchy');
    await vs!.openView('Downstreams');
    vs!.assertOffline();
  });

  it('after a window reload the row still says how the push landed', async () => {
    const before = (await good().innerText()).replace(/\s+/g, ' ').trim();
    assert.match(before, /synced in \d+ s · current/);
    await vs!.reloadWindow();
    await vs!.runCommand('View: Show Push Mirror');
    await vs!.openView('Downstreams');
    await vs!.expectText(good(), 'current');
    const after = (await good().innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(after.replace(/\d+ min ago/, 'N min ago'), before.replace(/\d+ min ago/, 'N min ago'));
  });

  it('Cancel on the progress notification stops the wait; the row says so', async () => {
    hubSynced(lab!.publish());
    const lock = path.join(lab!.good.sandbox.to, `Archive-Update-in-Progress-${lab!.good.site}`);
    // Held in its HOOK2 until Cancel was clicked: a sync that landed first would leave nothing to cancel.
    const release = lab!.holdSyncs();
    try {
      await signalFromRow(good(), 'good');
      await good().locator('.codicon-sync').waitFor({ timeout: LANDS_WITHIN });
      const toast = await vs!.notification('Signal good');
      await toast.hover();
      await toast.locator('.monaco-button, .action-label', { hasText: 'Cancel' }).first().click();
      await vs!.expectText(good(), 'wait cancelled', UI_TIMEOUT);
      await vs!.notification('Signal good: wait cancelled: good');
      await vs!.screenshot('07-cancelled');
      assert.ok(fs.existsSync(lock), 'the wait stopped, not the sync');
    } finally {
      release();
    }
    // The sync itself goes on; let it end before the lab is torn down.
    const deadline = Date.now() + LANDS_WITHIN;
    while (fs.existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200)); // a file outside the UI
  });
});
