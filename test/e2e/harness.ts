/**
 * End-to-end harness: the packaged .vsix in a real VS Code (code-server from npm, see
 * scripts/install-code-server.sh) driven by Debian's chromium through playwright-core.
 * Everything is loopback-only and private to the run: a fresh mktemp dir holds user data,
 * extensions, the workspace copy, the browser profile and TMPDIR; any request that would leave
 * 127.0.0.1 is aborted and recorded (`assertOffline()` fails the test on it).
 *
 * Writing a scenario (`test/e2e/<feature>.test.ts`; `node scripts/test.mjs e2e` packages the
 * .vsix and installs code-server first):
 *
 *   import { after, before, describe, it } from 'node:test';
 *   import { startWorkbench, type Workbench } from './harness';
 *
 *   describe('my feature', () => {
 *     let vs: Workbench;
 *     before(async () => { vs = await startWorkbench({ fixture: 'my-feature' }); }, { timeout: 120_000 });
 *     after(async () => { await vs?.stop(); });
 *     it('does the thing', async () => {
 *       await vs.openFile('rsyncd.conf');          // Quick Open, waits for the editor tab
 *       const squiggle = await vs.waitForSquiggle(); // published by the language server
 *       const text = await vs.hover(squiggle);      // text of the hover widget
 *       await vs.screenshot('01-hover');            // → shots/<fixture>/01-hover.png
 *       vs.assertOffline();
 *     });
 *   });
 *
 * The workspace is a copy of test/fixtures/e2e/<fixture>/ (`vs.workspace` is its path). One
 * code-server per test file; `vs.page` is the playwright Page for anything the helpers lack.
 * Wait on the UI (locators, `expectText`), never sleep. Selectors used here are stable from
 * VS Code 1.99 to 1.139.
 *
 * README pictures: a screenshot may also be one of the README's (`vs.screenshot('04-synced',
 * { readme: 'downstreams-synced', crop: [rows] })`). With PUSH_MIRROR_README_PICTURES=1 (what
 * `npm run screenshots` sets) it is also written to media/screenshots/<readme>.png, cropped to the
 * parts named and made a palette PNG by pngquant, so the pictures are regenerated with the UI and
 * never staged by hand.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { writeReadmePicture, type ReadmePicture } from './pictures';

export { README_PICTURES, type ReadmePicture } from './pictures';

export const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  displayName: string;
};
export const VSIX = path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
const CODE_SERVER = path.join(ROOT, '.cache', `code-server-${CODE_SERVER_VERSION}`, 'bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** How long one UI wait may take; generous for a loaded 2-core CI machine. */
export const UI_TIMEOUT = 30_000;
const WRITE_README_PICTURES = process.env.PUSH_MIRROR_README_PICTURES === '1';

export interface WorkbenchOptions {
  /** Folder under test/fixtures/e2e/ copied as the workspace. */
  fixture: string;
  /** Extra user settings, merged over the offline defaults below. */
  settings?: Record<string, unknown>;
  /** Screenshot folder under shots/; defaults to the fixture name. */
  shots?: string;
  /**
   * Display language (code-server's `--locale`). code-server runs the workbench in it only when a
   * language pack for it is installed; without one it stays English (test/e2e/l10n.test.ts).
   */
  locale?: string;
}

const OFFLINE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'remote.autoForwardPorts': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'editor.hover.delay': 100,
};

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const vs = new Workbench(options);
  try {
    await vs.start();
  } catch (err) {
    await vs.stop();
    throw err;
  }
  return vs;
}

export class Workbench {
  readonly run = mkdtempSync(path.join(tmpdir(), 'push-mirror-e2e-'));
  readonly workspace = path.join(this.run, 'workspace');
  readonly shots: string;
  /** Requests the page tried to send off this machine (all aborted). */
  readonly blocked: string[] = [];
  page!: Page;
  port = 0;
  log = '';
  private server?: ChildProcess;
  private context?: BrowserContext;
  private stopped = false;

  constructor(private readonly options: WorkbenchOptions) {
    this.shots = path.join(ROOT, 'shots', options.shots ?? options.fixture);
  }

  private get env(): NodeJS.ProcessEnv {
    const tmp = path.join(this.run, 'tmp');
    return {
      ...process.env,
      CODE_SERVER_CONFIG: path.join(this.run, 'config.yaml'), // else ~/.config/code-server is written
      EXTENSIONS_GALLERY: '{}', // no gallery: code-server would default to open-vsx.org
      TMPDIR: tmp,
      XDG_RUNTIME_DIR: tmp,
    };
  }

  private args(): string[] {
    return ['--user-data-dir', path.join(this.run, 'user-data'), '--extensions-dir', path.join(this.run, 'extensions')];
  }

  async start(): Promise<void> {
    if (!existsSync(CODE_SERVER))
      throw new Error(`no code-server at ${CODE_SERVER}; run bash scripts/install-code-server.sh`);
    if (!existsSync(VSIX)) throw new Error(`no ${path.basename(VSIX)}; run npm run package`);
    const fixture = path.join(ROOT, 'test', 'fixtures', 'e2e', this.options.fixture);
    cpSync(fixture, this.workspace, { recursive: true });
    for (const d of ['tmp', 'home', 'user-data/User', 'extensions', 'chromium-profile'])
      mkdirSync(path.join(this.run, d), { recursive: true });
    writeFileSync(
      path.join(this.run, 'user-data/User/settings.json'),
      JSON.stringify({ ...OFFLINE_SETTINGS, ...this.options.settings }, null, 2),
    );
    mkdirSync(this.shots, { recursive: true });

    const install = spawnSync(CODE_SERVER, [...this.args(), '--install-extension', VSIX, '--force'], {
      env: this.env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (install.status !== 0) throw new Error(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);

    await this.startServer();
    await this.startBrowser();
    await this.page.goto(`http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT });
    await this.page.locator('.explorer-folders-view').waitFor({ timeout: UI_TIMEOUT });
  }

  private startServer(): Promise<void> {
    const args = [
      ...this.args(),
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      ...(this.options.locale ? ['--locale', this.options.locale] : []),
      this.workspace,
    ];
    // Own process group, so stop() ends code-server, the extension host, our LSP server and watchers together.
    const child = spawn(CODE_SERVER, args, { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`code-server did not start within ${UI_TIMEOUT} ms:\n${this.log}`)),
        UI_TIMEOUT,
      );
      const onData = (chunk: Buffer) => {
        this.log += chunk.toString();
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(this.log);
        if (m && !this.port) {
          this.port = Number(m[1]);
          waitHealthy(this.port, UI_TIMEOUT).then(() => (clearTimeout(timer), resolve()), reject);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (!this.port) reject(new Error(`code-server exited (${code ?? signal}):\n${this.log}`));
      });
    });
  }

  private async startBrowser(): Promise<void> {
    this.context = await chromium.launchPersistentContext(path.join(this.run, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      timeout: UI_TIMEOUT,
      // Its own HOME: Chromium's crash reporter otherwise writes to ~/.config/chromium.
      env: { ...this.env, HOME: path.join(this.run, 'home') },
      args: [
        '--headless',
        '--no-sandbox', // required as root
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-domain-reliability',
        '--no-pings',
        '--disable-breakpad',
        // Chromium still resolves Google hosts with the flags above; this turns every lookup but loopback off.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
        '--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter',
      ],
    });
    await this.context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(blob:|data:|https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/)/.test(url)) return route.continue();
      this.blocked.push(url);
      return route.abort();
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.setDefaultTimeout(UI_TIMEOUT);
  }

  /** Opens a workspace file by (relative) path through Quick Open and waits for its editor. */
  async openFile(name: string): Promise<void> {
    const base = path.basename(name);
    await this.quickInput('Control+P', name, base);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: base }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Text of the language status item, e.g. `rsyncd.conf`. */
  async languageMode(): Promise<string> {
    const item = this.page.locator('#status\\.editor\\.mode');
    await item.waitFor();
    return (await item.innerText()).trim();
  }

  /** Waits until the language mode reads `expected` (the extension host may still be loading grammars). */
  async expectLanguageMode(expected: string): Promise<void> {
    await this.expectText(this.page.locator('#status\\.editor\\.mode'), expected);
  }

  /** The first squiggle of a severity in the active editor, once the language server published it. */
  async waitForSquiggle(severity: 'error' | 'warning' | 'info' | 'hint' = 'error'): Promise<Locator> {
    const squiggle = this.page.locator(`.editor-instance .monaco-editor .squiggly-${severity}`).first();
    await squiggle.waitFor();
    return squiggle;
  }

  /** Moves the mouse onto the element and returns the text of the hover widget that opens. */
  async hover(target: Locator, expected?: string): Promise<string> {
    const box = await target.boundingBox();
    if (!box) throw new Error('hover target is not visible');
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const widget = this.page.locator('.monaco-hover:not(.hidden)', expected ? { hasText: expected } : {}).first();
    await widget.waitFor();
    return widget.innerText();
  }

  /** Runs a palette command by its visible title, e.g. `Push Mirror: Show Log`. */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('F1', `>${title}`, title);
    // Click the row itself: Enter runs the first row, and fuzzy matching can put another command first
    // (`Signal Downstream` also matches `Signal All Downstreams`).
    await this.page
      .locator('.quick-input-widget .monaco-list-row', { has: this.page.getByText(title, { exact: true }) })
      .first()
      .click();
  }

  /**
   * Developer: Reload Window, then waits for the new page's workbench. Until the old page unloads its
   * workbench answers every locator, so a wait on it passes at once and a click on it is lost.
   */
  async reloadWindow(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: UI_TIMEOUT });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.monaco-workbench').waitFor();
  }

  /**
   * Opens Quick Open / the palette with `key`, types `value` and waits for a row with `row`.
   * Reopens it while waiting: a palette opened before the extension host registered our
   * contributions (or before file search indexed the workspace) never lists them.
   */
  private async quickInput(key: string, value: string, row: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT;
    const input = this.page.locator('.quick-input-widget input');
    const match = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: row }).first();
    for (;;) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press(key);
      await input.waitFor();
      await input.fill(value);
      try {
        await match.waitFor({ timeout: Math.max(1000, Math.min(5000, deadline - Date.now())) });
        return;
      } catch (err) {
        if (Date.now() >= deadline) throw err;
      }
    }
  }

  /**
   * Opens the Problems panel and returns its text once it contains every `expected` text; pass all
   * that the test reads, since diagnostics of different files arrive one by one.
   */
  async problems(...expected: string[]): Promise<string> {
    await this.page.locator('#status\\.problems').click();
    const panel = this.page.locator('.markers-panel');
    for (const text of expected) await this.expectText(panel, text);
    return panel.innerText();
  }

  /** Picks an entry of the open quick pick (wizards, `showQuickPick`) by its label. */
  async pickQuickItem(label: string): Promise<void> {
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().click();
  }

  /** Types into the open input box (`showInputBox`, a wizard step) and presses Enter. */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** A tree item in any visible view (explorer, a contributed view) by its accessible name. */
  treeItem(name: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name }).first();
  }

  /** Expands a side-bar view section by its title (e.g. a contributed view) if it is collapsed. */
  async openView(title: string): Promise<Locator> {
    const header = this.page.locator('.pane-header', { hasText: title }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return this.page.locator('.pane', { has: header }).first();
  }

  /** Waits for a notification toast (fully slid in, so a screenshot shows it) with the text. */
  async notification(text: string): Promise<Locator> {
    const toast = this.page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first();
    await toast.waitFor();
    return toast;
  }

  /** Puts the cursor at line:column with Go to Line (Ctrl+G) and waits for the status bar to show it. */
  async goTo(lineNumber: number, column: number): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').fill(`:${lineNumber}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.expectText(this.page.locator('#status\\.editor\\.selection'), `Ln ${lineNumber}, Col ${column}`);
  }

  /** Ctrl+S, then waits until the workspace file on disk holds `expected`; returns its text. */
  async saveAndRead(file: string, expected: string): Promise<string> {
    await this.page.keyboard.press('Control+S');
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      const text = readFileSync(path.join(this.workspace, file), 'utf8');
      if (text.includes(expected)) return text;
      if (Date.now() > deadline) throw new Error(`${file} was not saved with ${JSON.stringify(expected)}:\n${text}`);
      await new Promise((r) => setTimeout(r, 50)); // poll interval for the write to land, not a wait for the UI
    }
  }

  /** Waits until the locator's text contains `expected`. */
  async expectText(target: Locator, expected: string, timeout = UI_TIMEOUT): Promise<void> {
    await target
      .filter({ hasText: expected })
      .first()
      .waitFor({ timeout })
      .catch(async (err: Error) => {
        const actual = await target
          .first()
          .innerText()
          .catch(() => '<not there>');
        throw new Error(
          `expected text ${JSON.stringify(expected)}, found ${JSON.stringify(actual.slice(0, 500))} (${err.message.split('\n')[0]})`,
        );
      });
  }

  /** Saves shots/<folder>/<name>.png, and the README picture it is, when asked to (see the top). */
  async screenshot(name: string, picture?: ReadmePicture): Promise<string> {
    const file = path.join(this.shots, `${name}.png`);
    // Hovers and toasts fade in; a shot taken mid-animation shows them half transparent.
    await this.page
      .waitForFunction(`document.getAnimations().every((a) => a.playState !== 'running')`, undefined, { timeout: 2000 })
      .catch(() => undefined);
    await this.page.screenshot({ path: file });
    if (picture && WRITE_README_PICTURES) await writeReadmePicture(this.page, picture);
    return file;
  }

  /** Fails if anything tried to reach a host other than loopback. */
  assertOffline(): void {
    if (this.blocked.length) throw new Error(`requests off this machine were attempted:\n${this.blocked.join('\n')}`);
  }

  /** Closes the browser, ends code-server's process group and removes the run directory. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.context?.close().catch(() => undefined);
    const child = this.server;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (child?.pid) killGroup(child.pid, 'SIGKILL'); // stragglers that outlived the leader
    if (this.log && existsSync(this.shots)) writeFileSync(path.join(this.shots, 'code-server.log'), this.log);
    rmSync(this.run, { recursive: true, force: true, maxRetries: 3 });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function waitHealthy(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`code-server on port ${port} never reported healthy`);
    await new Promise((r) => setTimeout(r, 50)); // poll interval of a local health check, not a wait for the UI
  }
}
