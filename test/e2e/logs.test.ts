// Tailing a sync log in a real VS Code: the tail opens at the end of the log, follows lines a
// process appends, counts the error in the status bar, jumps to it, and stops and resumes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

describe('tail sync log in code-server', () => {
  let vs: Workbench;
  let log: string;
  before(
    async () => {
      vs = await startWorkbench({ fixture: 'logs', settings: { 'pushMirror.tail.initialLines': 20 } });
      log = path.join(vs.workspace, 'log', 'ftpsync.log');
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const editorText = () => vs.page.locator('.editor-instance .monaco-editor .view-lines').first();

  it('opens the log at its end from the command palette', async () => {
    // A downstream's push log as runmirrors writes it (`date -u` first): the picker names it by the downstream.
    fs.writeFileSync(
      path.join(vs.workspace, 'log', 'eu.two.log'),
      'Mon Nov 23 09:40:00 UTC 2026\nNov 23 09:40:00 mirror runmirrors[4300]: Sending normal trigger\n',
    );
    await vs.runCommand('Push Mirror: Tail Sync Log');
    const rows = vs.page.locator('.quick-input-widget .monaco-list-row');
    await vs.expectText(rows, 'eu.two — runmirrors log');
    await vs.expectText(rows, 'ftpsync log');
    assert.equal(await rows.filter({ hasText: /^ftpsync\b.*eu\.two/ }).count(), 0, 'eu.two.log is not "ftpsync"');
    const input = vs.page.locator('.quick-input-widget input');
    await input.fill('ftpsync.log');
    await vs.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ftpsync.log' }).first().waitFor();
    await vs.page.keyboard.press('Enter');
    await vs.page.locator('.tabs-container .tab.active', { hasText: 'ftpsync.log' }).waitFor();
    await vs.expectText(editorText(), '09:39:30 mirror ftpsync[4242]: Back from rsync with returncode 0');
    // initialLines = 20: the first lines of the file are not shown.
    assert.equal(await editorText().filter({ hasText: '09:00:01' }).count(), 0);
    await vs.expectLanguageMode('ftpsync log');
  });

  it('follows lines a process appends, and counts the error', async () => {
    const writer = spawn('sh', [
      '-c',
      `for i in 1 2 3; do echo "Nov 23 10:00:0$i mirror ftpsync[5000]: appended line $i" >> "$0"; sleep 0.2; done; echo "Nov 23 10:00:09 mirror ftpsync[5000]: ERROR: Sync step 1 went wrong, got errorcode 23" >> "$0"`,
      log,
    ]);
    await new Promise((resolve) => writer.once('exit', resolve));
    await vs.expectText(editorText(), 'appended line 3');
    await vs.expectText(editorText(), 'Sync step 1 went wrong');
    await vs.expectText(vs.page.locator('.statusbar-item'), '1 error');
    await vs.screenshot('01-following');
  });

  it('jumps to the last error', async () => {
    // Scroll away from it first, so the jump has to move the view.
    await vs.page.keyboard.press('Control+Home');
    await vs.runCommand('Push Mirror: Jump to Last Error');
    await vs.expectText(vs.page.locator('#status\\.editor\\.selection'), 'Ln 24,');
    // The picture is the log and the status bar's count; the next test that needs the side bar opens it.
    await vs.runCommand('View: Close Primary Side Bar');
    await vs.page.locator('#workbench\\.parts\\.sidebar').waitFor({ state: 'hidden' });
    await vs.screenshot('02-last-error', {
      readme: 'log-tail',
      crop: [
        vs.page.locator('.tabs-container .tab.active'),
        editorText(),
        vs.page.locator('.statusbar-item', { hasText: 'following' }),
      ],
    });
  });

  it('stops and resumes following', async () => {
    await vs.runCommand('Push Mirror: Stop Following');
    await vs.expectText(editorText(), '── stopped');
    fs.appendFileSync(log, 'Nov 23 10:01:00 mirror ftpsync[5001]: written while stopped\n');
    await vs.runCommand('Push Mirror: Resume Following');
    await vs.expectText(editorText(), 'written while stopped');
    // Resuming catches up; it does not repeat lines or count the error twice.
    await vs.expectText(vs.page.locator('.statusbar-item'), '1 error');
    assert.equal(await vs.page.locator('.statusbar-item', { hasText: '2 errors' }).count(), 0);
    assert.equal(await editorText().locator('.view-line', { hasText: 'appended line 3' }).count(), 1);
  });

  it('shows a stale ftpsync lock and a requested sync in the This Mirror view', async () => {
    // An archvsync home's etc/ftpsync.conf whose archive root holds a lock of a PID that is gone.
    const root = path.join(vs.workspace, 'mirror');
    fs.mkdirSync(root);
    fs.mkdirSync(path.join(vs.workspace, 'etc'));
    fs.writeFileSync(
      path.join(vs.workspace, 'etc', 'ftpsync.conf'),
      // As the archvsync home writes it; BASEDIR is the home (the workspace), as in the Downstreams view.
      `MIRRORNAME=mirror.example.org\nTO=${root}\nLOGDIR="\${BASEDIR}/log"\n`,
    );
    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    fs.writeFileSync(path.join(root, 'Archive-Update-in-Progress-mirror.example.org'), `${gone.pid}\n`);
    fs.writeFileSync(path.join(root, 'Archive-Update-Required-mirror.example.org'), '');
    await vs.page.locator('.activitybar [aria-label^="Push Mirror"]').first().click();
    const view = vs.page.locator('.pane', { hasText: 'This Mirror' }).last();
    await vs.runCommand('Push Mirror: Refresh Mirror Status');
    await vs.expectText(view.locator('.monaco-list-row'), `stale lock`);
    await vs.expectText(view.locator('.monaco-list-row'), `PID ${gone.pid} is gone; another sync requested`);
    // LOGDIR="${BASEDIR}/log" is the workspace's log/, where ftpsync.log is (not the default ~/.local/log/ftpsync).
    await view.locator('.monaco-list-row', { hasText: 'stale lock' }).first().click();
    const logRow = view.locator('.monaco-list-row', { hasText: 'ftpsync log' }).first();
    await vs.expectText(logRow, path.join(vs.workspace, 'log', 'ftpsync.log'));
    assert.doesNotMatch(await logRow.innerText(), /not there yet/);
    await vs.screenshot('03-stale-lock');
    vs.assertOffline();
  });

  const tailTab = () => vs.page.locator('.tabs-container .tab', { hasText: 'ftpsync.log' }).first();

  it('follows a log replaced by a symlink to another file, like tail -F, and says so', async () => {
    await tailTab().click();
    const elsewhere = path.join(vs.workspace, 'elsewhere', 'other.log');
    fs.mkdirSync(path.dirname(elsewhere));
    fs.writeFileSync(elsewhere, 'Nov 23 10:02:00 mirror ftpsync[6000]: written elsewhere\n');
    fs.symlinkSync(elsewhere, `${log}.link`);
    fs.renameSync(`${log}.link`, log);
    await vs.expectText(editorText(), `following ftpsync.log → ${fs.realpathSync(elsewhere)}`);
    await vs.expectText(editorText(), 'written elsewhere');
    await vs.expectText(vs.page.locator('.statusbar-item'), 'following → other.log');
    await vs.screenshot('04-symlink');
  });

  it('stops visibly, with the reason, when the log is replaced by a FIFO', async () => {
    await tailTab().click();
    spawnSync('mkfifo', [`${log}.fifo`]);
    fs.renameSync(`${log}.fifo`, log);
    await vs.expectText(editorText(), 'stopped: ftpsync.log is now a FIFO (named pipe), not a regular file');
    await vs.expectText(vs.page.locator('.statusbar-item'), 'stopped: ftpsync.log is now a FIFO');
    assert.equal(await vs.page.locator('.statusbar-item', { hasText: /following/ }).count(), 0);
    await vs.screenshot('05-fifo');
    vs.assertOffline();
  });
});
