// The Italian UI in a real VS Code (code-server 4.100.3), one window for the whole story (issue 16).
//
// What code-server does: `--locale it` alone changes nothing. The server picks the workbench's
// language from --locale (or argv.json, a cookie, Accept-Language) but resolves it through the
// language packs installed (user-data/languagepacks.json); with none for Italian it serves English
// and tells the extension host `en`. An installed language pack for Italian switches both, and then
// VS Code applies package.nls.it.json to our manifest and hands our extension host
// media/l10n/bundle.l10n.it.json, exactly as desktop VS Code does with Microsoft's Italian pack.
// That pack comes from the Marketplace or Open VSX, out of reach here, so the test installs a stub
// (test/fixtures/l10n/language-pack-it) that declares Italian and translates nothing of VS Code:
// the workbench's own words stay English, every Italian word on the screenshots is ours. It is
// installed the way a user installs a pack (Extensions: Install from VSIX…, which also writes
// languagepacks.json; the CLI's --install-extension does not), and the window is reloaded.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../support/process';
import { CommandRecorder } from '../support/recorder';
import { generateKey, Sshd, TEST_USER } from '../support/sshd';
import { ROOT, UI_TIMEOUT, Workbench } from './harness';
import { signalSettings, writeMachineSettings, writeMirrorList } from './loopback';
import { allowWebviews } from './webviews';

const PACK = path.join(ROOT, 'test', 'fixtures', 'l10n', 'language-pack-it');

describe('Italian UI in code-server', () => {
  let sshd: Sshd | undefined;
  let vs: Workbench | undefined;
  let scratch: string;
  let recorder: CommandRecorder | undefined;
  let knownHosts: string;
  let packVsix: string;

  before(
    async () => {
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-l10n-'));
      recorder = CommandRecorder.create();
      const key = await generateKey(scratch, 'pushmirror');
      sshd = await Sshd.start();
      sshd.writeAuthorizedKeys(recorder.authorizedKeysLine(key.line));
      knownHosts = path.join(scratch, 'known_hosts');
      fs.writeFileSync(knownHosts, '');
      packVsix = path.join(scratch, 'stub-language-pack-it.vsix');
      // The project's own vsce (the fixture folder has a package.json of its own, so no npx there).
      const packed = await run(
        path.join(ROOT, 'node_modules', '.bin', 'vsce'),
        ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', packVsix],
        { cwd: PACK, timeoutMs: 60_000 },
      );
      assert.ok(fs.existsSync(packVsix), `vsce package failed: ${packed.stderr}`);

      vs = new Workbench({ fixture: 'signal', shots: 'l10n', locale: 'it' });
      writeMirrorList(vs, [`all loopback 127.0.0.1 ${TEST_USER} -p ${sshd.port}`]);
      writeMachineSettings(vs, signalSettings(key.privateKey, knownHosts));
      await vs.start();
      // The walkthrough's pictures are webviews (see webviews.ts); off-machine requests still fail the test.
      await allowWebviews(vs);
    },
    { timeout: 180_000 },
  );

  after(async () => {
    await vs?.stop();
    await sshd?.dispose();
    recorder?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const page = () => vs!.page;
  const workbenchLanguage = () =>
    page().evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE ?? 'en');
  const row = () =>
    page()
      .locator('[id="workbench.view.extension.pushMirror"] .monaco-list-row')
      .filter({ hasText: 'Loopback' })
      .first();
  const dialog = () => page().locator('.monaco-dialog-box');
  const quickTitle = () => page().locator('.quick-input-widget .quick-input-title');
  const recorded = () => recorder!.commands();
  /** The extension's own log, where activate() writes vscode.env.language. */
  const extensionLog = () =>
    fs
      .readdirSync(path.join(vs!.run, 'user-data', 'logs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith(`${path.sep}Push Mirror.log`))
      .map((f) => fs.readFileSync(path.join(vs!.run, 'user-data', 'logs', f), 'utf8'))
      .join('\n');

  async function openPushMirror(): Promise<void> {
    await page().locator('.activitybar [aria-label^="Push Mirror"]').first().click();
    await vs!.expectText(row(), 'Loopback downstream');
  }

  it('with --locale it but no Italian language pack, code-server stays English', async () => {
    assert.equal(await workbenchLanguage(), 'en');
    await openPushMirror();
    await page().locator('.pane-header', { hasText: 'Downstreams' }).first().waitFor();
    await vs!.screenshot('01-locale-it-without-language-pack');
    assert.match(extensionLog(), /started \(display language en\)/);
  });

  it('once an Italian language pack is installed and the window reloaded, the workbench language is it', async () => {
    await vs!.runCommand('Extensions: Install from VSIX...');
    // code-server's own file dialog: a quick input that takes a path, with an Install button.
    await vs!.expectText(quickTitle(), 'Install from VSIX');
    const input = page().locator('.quick-input-widget input');
    // The dialog fills in its start folder once it has read it; typing before that is overwritten.
    await page().waitForFunction(`document.querySelector('.quick-input-widget input')?.value.startsWith('/') === true`);
    // It can also put its start folder back a moment later (in the full suite it did, after the file
    // was already listed): type the path again until it stays and the file shows.
    const packRow = page().locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(packVsix) });
    for (let attempt = 1; ; attempt++) {
      await input.fill(packVsix);
      const listed = await packRow
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (listed) await page().waitForTimeout(1_000);
      if (listed && (await input.inputValue()) === packVsix && (await packRow.count())) break;
      if (attempt === 8) break;
    }
    assert.equal(await input.inputValue(), packVsix);
    await page().locator('.quick-input-widget .monaco-button', { hasText: 'Install' }).first().click();
    await vs!.notification('Completed installing');
    const packs = JSON.parse(fs.readFileSync(path.join(vs!.run, 'user-data', 'languagepacks.json'), 'utf8')) as object;
    assert.deepEqual(Object.keys(packs), ['it']);
    await page().reload();
    await page().locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT });
    assert.equal(await workbenchLanguage(), 'it');
  });

  it('the Downstreams view is "Mirror destinazione", its rows Italian', async () => {
    await openPushMirror();
    await page().locator('.pane-header', { hasText: 'Mirror destinazione' }).first().waitFor();
    await page().locator('.pane-header', { hasText: 'Questo mirror' }).first().waitFor();
    await page().locator('.pane-header', { hasText: 'Gerarchia' }).first().waitFor();
    await vs!.expectText(row(), `${TEST_USER}@127.0.0.1 · nessun push`);
    const group = page().locator('[id="workbench.view.extension.pushMirror"] .monaco-list-row', { hasText: 'all' });
    await vs!.expectText(group.first(), '1 mirror destinazione');
    await vs!.screenshot('02-downstreams-view');
    // vscode.env.language, as the extension host sees it.
    assert.match(extensionLog(), /started \(display language it\)/);
  });

  it('the palette lists the commands by their Italian titles', async () => {
    await page().keyboard.press('Escape');
    await page().keyboard.press('F1');
    await page().locator('.quick-input-widget input').fill('>Push Mirror: Invia il segnale');
    await page()
      .locator('.quick-input-widget .monaco-list-row', {
        hasText: 'Push Mirror: Invia il segnale a tutti i mirror destinazione',
      })
      .first()
      .waitFor();
    await page()
      .locator('.quick-input-widget .monaco-list-row', {
        hasText: 'Push Mirror: Invia il segnale al mirror destinazione',
      })
      .first()
      .waitFor();
    await vs!.screenshot('03-palette');
    await page().keyboard.press('Escape');
  });

  it('the Add Downstream wizard asks in Italian', async () => {
    await vs!.runCommand('Push Mirror: Aggiungi un mirror destinazione');
    await vs!.expectText(quickTitle(), 'Aggiungi un mirror destinazione (1/4): tipo di push');
    await vs!.expectText(
      page().locator('.quick-input-widget .monaco-list-row').first(),
      'Push normale: attiva e prosegue (la scelta consueta)',
    );
    await vs!.pickQuickItem('all');
    await vs!.expectText(quickTitle(), 'Aggiungi un mirror destinazione (2/4): ShortName');
    await page().locator('.quick-input-widget input').fill('loopback');
    await vs!.expectText(page().locator('.quick-input-widget .quick-input-message'), 'loopback è già in un elenco');
    await vs!.screenshot('04-add-downstream-wizard');
    await page().keyboard.press('Escape');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('Signal All asks in Italian; its default button picks one downstream, by the button, not its words', async () => {
    await vs!.runCommand('Push Mirror: Invia il segnale a tutti i mirror destinazione');
    await vs!.expectText(dialog(), 'Inviare il segnale a 1 mirror destinazione di runmirrors.mirror?');
    await vs!.expectText(dialog(), 'È loopback.');
    await vs!.expectText(dialog().locator('.monaco-button:focus'), 'Scegli un mirror destinazione…');
    await vs!.screenshot('05-signal-all-question');
    await page().keyboard.press('Enter');
    await vs!.expectText(quickTitle(), 'Inviare il segnale a quale mirror destinazione di runmirrors.mirror?');
    await page().keyboard.press('Escape');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    assert.deepEqual(recorded(), [], 'nothing was signalled');
  });

  it('the unknown host question is Italian and Enter still refuses', async () => {
    await vs!.runCommand('Push Mirror: Invia il segnale al mirror destinazione');
    await vs!.expectText(quickTitle(), 'Inviare il segnale a quale mirror destinazione?');
    await vs!.pickQuickItem('loopback');
    await vs!.expectText(dialog(), `Impossibile verificare l'autenticità dell'host '[127.0.0.1]:${sshd!.port}'.`);
    await vs!.expectText(dialog(), 'come la mostra ssh-keygen -lf');
    for (const button of ['Rifiuta', 'Accetta una volta', 'Accetta e ricorda'])
      await dialog().getByRole('button', { name: button }).waitFor();
    await page().waitForFunction(
      `document.activeElement?.closest('.monaco-dialog-box') && document.activeElement.textContent.trim() === 'Rifiuta'`,
    );
    await vs!.screenshot('06-unknown-host-question');
    await page().keyboard.press('Enter');
    await vs!.notification('Invia il segnale a loopback: segnale inviato a 0 su 1');
    await vs!.expectText(row(), 'push fallito');
    assert.equal(fs.readFileSync(knownHosts, 'utf8'), '', 'Enter trusted the key');
    assert.deepEqual(recorded(), []);
  });

  it('the settings describe themselves in Italian', async () => {
    await vs!.runCommand('Preferences: Open Settings (UI)');
    const editor = page().locator('.settings-editor');
    await editor.waitFor();
    await page().keyboard.type('pushMirror.tail');
    await vs!.expectText(
      editor.locator('.setting-item-description').first(),
      'Righe mostrate dalla fine di un log quando si inizia a seguirlo, come tail -n.',
    );
    await vs!.screenshot('07-settings');
  });

  it('the upstream walkthrough is Italian', async () => {
    await vs!.runCommand('Welcome: Open Walkthrough...');
    await vs!.pickQuickItem('Push Mirror: gestire un mirror sorgente');
    const steps = page().locator('.gettingStartedContainer button.getting-started-step h3.step-title');
    await steps.first().waitFor();
    assert.deepEqual(
      (await steps.allInnerTexts()).map((s) => s.trim()),
      [
        'Controlla rsyncd.conf e il suo file dei segreti',
        'Avvia il daemon rsync',
        "Aggiungi l'account rsync di un mirror destinazione",
        'Genera la chiave di attivazione',
        'Elenca il mirror destinazione in runmirrors.mirror',
        'Invia il primo segnale',
        'Segui il suo log',
      ],
    );
    await page().locator('.gettingStartedContainer .monaco-button', { hasText: 'Apri rsyncd.conf' }).first().waitFor();
    await vs!.screenshot('08-walkthrough');
    vs!.assertOffline();
  });
});
