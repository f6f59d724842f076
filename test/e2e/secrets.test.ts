// The secrets-file quick fixes in a real VS Code (code-server). "Add a line for ann" used to write
// `ann:` (an empty password, which the extension's own rule then calls an open door); now it runs a
// client command that generates a strong password, inserts `ann:<password>` as an undoable edit,
// puts the cursor after it and shows it once. `eu3 Tr1ckyNoColon` gets "Insert the colon". The
// missing-user problem sits where the line belongs, not on line 1, and names the auth users line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench } from './harness';

const CONF = 'push.rsyncd.conf';
const SECRETS = 'push.secrets';

describe('secrets quick fixes in code-server', () => {
  let vs: Workbench;
  before(
    async () => {
      // The paths exist only at run time: no file-system checks, the open documents are the workspace.
      vs = new Workbench({ fixture: 'skeleton', shots: 'secrets', settings: { 'pushMirror.checkFileSystem': false } });
      fs.mkdirSync(vs.workspace, { recursive: true });
      fs.writeFileSync(
        path.join(vs.workspace, CONF),
        '# push mirror accounts\n[debian]\n  path = /srv/mirror/debian\n  auth users = joe, eu3, ann\n  secrets file = push.secrets\n',
      );
      fs.writeFileSync(path.join(vs.workspace, SECRETS), 'joe:Example-Only-Joe-Pass\neu3 Tr1ckyNoColon\n', {
        mode: 0o600,
      });
      await vs.start();
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const editor = () => vs.page.locator('.editor-instance .monaco-editor').first();

  it('reports ann where its line belongs and names the auth users line; eu3 on its own line', async () => {
    await vs.openFile(CONF);
    await vs.expectLanguageMode('rsyncd.conf');
    await vs.openFile(SECRETS);
    await vs.expectLanguageMode('rsync secrets');
    const problems = await vs.problems(
      '`ann` is let in by `auth users` of `[debian]` (push.rsyncd.conf:4)',
      '`ann` is let in to `[debian]` but has no line in its secrets file',
    );
    // Problems lists the position: ann at the end (line 3), eu3 on line 2; nothing on joe's line 1.
    assert.match(problems, /`ann` is let in[^\n]*\npush-mirror\nsecrets\/missing-user\n\[Ln 3, Col 1\]/);
    assert.match(
      problems,
      /line 2 starts with `eu3` but has no colon[^\n]*\npush-mirror\nsecrets\/missing-user\n\[Ln 2, Col 1\]/,
    );
    assert.doesNotMatch(problems, /\[Ln 1, Col/);
    // And the rsyncd.conf shows it on ann in its auth users line.
    assert.match(
      problems,
      /`ann` is let in to `\[debian\]` but has no line in its secrets file[^\n]*\npush-mirror\nrsyncd\/user-without-secret\n\[Ln 4, Col 26\]/,
    );
    assert.doesNotMatch(problems, /Tr1cky|Example-Only/);
    await vs.screenshot('01-problems');
  });

  it('inserts the colon for `eu3 Tr1ckyNoColon` (the preferred fix)', async () => {
    await vs.page.mouse.move(150, 500);
    await vs.goTo(2, 1);
    await vs.page.keyboard.press('Control+.');
    const menu = vs.page.locator('.action-widget');
    await menu.locator('.monaco-list-row.focused', { hasText: 'Insert the colon after `eu3`' }).waitFor();
    await vs.screenshot('02-insert-colon');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(editor().locator('.view-line'), 'eu3:Tr1ckyNoColon');
  });

  it('adds a line for ann with a new password shown once; no empty-password problem follows', async () => {
    await vs.goTo(3, 1);
    await vs.page.keyboard.press('Control+.');
    const menu = vs.page.locator('.action-widget');
    await menu.locator('.monaco-list-row.focused', { hasText: 'Add a line for `ann` with a new password' }).waitFor();
    await vs.page.keyboard.press('Enter');
    const dialog = vs.page.locator('.monaco-dialog-box');
    await vs.expectText(dialog, 'Added a line for ann with a new password (shown once)');
    await vs.screenshot('03-password-shown-once');
    const shown = /shown once\): (\S+)/.exec(await dialog.innerText())?.[1] ?? '';
    assert.ok(shown.length >= 20, `a strong password: ${shown.length} characters`);
    await vs.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await vs.expectText(editor().locator('.view-line'), `ann:${shown}`);
    // The cursor is right after the password.
    await vs.expectText(
      vs.page.locator('#status\\.editor\\.selection'),
      `Ln 3, Col ${'ann:'.length + shown.length + 1}`,
    );
    const saved = await vs.saveAndRead(SECRETS, `ann:${shown}`);
    assert.equal(saved, `joe:Example-Only-Joe-Pass\neu3:Tr1ckyNoColon\nann:${shown}\n`);
    // Neither file has a problem left; the workspace's other rsyncd.conf (the skeleton's typo) still has
    // its own, so the panel is live and the workspace check is on.
    const panel = vs.page.locator('.markers-panel');
    await vs.expectText(panel, 'rsyncd/unknown-parameter');
    for (const file of [SECRETS, CONF])
      await panel.locator('.monaco-list-row', { hasText: file }).first().waitFor({ state: 'detached' });
    assert.doesNotMatch(await vs.page.locator('.markers-panel').innerText(), /empty password/);
    await vs.screenshot('04-fixed');
    // Never logged: not in code-server's log nor in any log file of the run (the extension's channel included).
    assert.ok(!vs.log.includes(shown));
    const logs = path.join(vs.run, 'user-data', 'logs');
    const files = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).map((f) => path.join(logs, f));
    assert.ok(
      files.some((f) => f.endsWith('Push Mirror.log')),
      'the extension log is among them',
    );
    for (const f of files) if (fs.statSync(f).isFile()) assert.ok(!fs.readFileSync(f, 'utf8').includes(shown), f);
    vs.assertOffline();
  });
});
