// authorized_keys in a real VS Code: the Debian push-trigger line (forwarding and pty off, but
// ~/.ssh/rc still on) is flagged; "Restrict to the sync command" from the Ctrl+. menu rewrites it to
// `restrict,command=…,from=…` and the file has no problems left; the hover on the key shows the
// same SHA256 fingerprint line as `ssh-keygen -lf`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, startWorkbench, type Workbench } from './harness';

const FILE = '.ssh/authorized_keys';
const ORIGINAL = readFileSync(path.join(ROOT, 'test/fixtures/e2e/authkeys', FILE), 'utf8').split('\n')[1];
const KEY = ORIGINAL.slice(ORIGINAL.indexOf('ssh-ed25519 '));
// The line test/fixtures/e2e/authkeys/README.md promises.
const RESTRICTED = `restrict,command="~/websync &",from="192.0.2.10" ${KEY}`;
const WARNING =
  'This trigger key still runs `~/.ssh/rc` at login (there is no `no-user-rc`). `restrict` closes that too.';

/** What `ssh-keygen -lf` prints for the fixture's trigger line, e.g. `256 SHA256:… upstream@example.org (ED25519)`. */
function keygenFingerprint(line: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'push-mirror-e2e-keygen-'));
  try {
    const file = path.join(dir, 'authorized_keys');
    writeFileSync(file, `${line}\n`);
    const run = spawnSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('authorized_keys trigger line in code-server', () => {
  let vs: Workbench;
  const expectedFingerprint = keygenFingerprint(ORIGINAL);
  before(
    async () => {
      // The trigger line is longer than the editor is wide: wrap it, so the key can be hovered and seen.
      vs = await startWorkbench({ fixture: 'authkeys', settings: { 'editor.wordWrap': 'on' } });
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const editor = () => vs.page.locator('.editor-instance .monaco-editor').first();
  const keyBlob = () =>
    editor()
      .locator('.view-line span span', { hasText: KEY.split(' ')[1].slice(0, 24) })
      .first();

  it('flags the Debian trigger line: it still runs ~/.ssh/rc', async () => {
    assert.match(expectedFingerprint, /^256 SHA256:[A-Za-z0-9+/]{43} upstream@example\.org \(ED25519\)$/);
    await vs.openFile(FILE);
    await vs.expectLanguageMode('SSH authorized_keys');
    const squiggle = await vs.waitForSquiggle('warning');
    const text = await vs.hover(squiggle, 'no-user-rc');
    assert.ok(text.includes(WARNING), `hover text: ${text}`);
    assert.ok(text.includes('authkeys/trigger-user-rc'), `hover names the rule: ${text}`);
    await vs.screenshot('01-trigger-warning');
    // It is the only problem in the file (a wrapped line draws one squiggle per screen line, so count in Problems).
    await vs.page.keyboard.press('Escape');
    const problems = await vs.problems(WARNING);
    assert.match(problems, /\[Ln 2, Col 1\]/);
    assert.equal(
      await vs.page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'push-mirror' }).count(),
      1,
      problems,
    );
  });

  it('hovers the key: type, size, ssh-keygen -lf fingerprint and what is still allowed', async () => {
    await vs.page.keyboard.press('Escape');
    const text = await vs.hover(keyBlob(), 'SHA256:');
    assert.ok(text.includes('ED25519 key, 256 bits'), `hover text: ${text}`);
    assert.ok(text.includes(expectedFingerprint), `hover shows ${JSON.stringify(expectedFingerprint)}: ${text}`);
    assert.ok(text.includes('Forced command: ~/websync &'), `hover text: ${text}`);
    assert.ok(text.includes('Still allowed: ~/.ssh/rc.'), `hover text: ${text}`);
    assert.ok(text.includes('Only from: 192.0.2.10.'), `hover text: ${text}`);
    await vs.screenshot('02-key-hover-before');
  });

  it('applies "Restrict to the sync command" from the Ctrl+. menu; no problem is left', async () => {
    // Keyboard only: a mouse left on the text would open a hover over the menu.
    await vs.page.mouse.move(150, 500);
    await vs.goTo(2, 1);
    await vs.page.keyboard.press('Control+.');
    const menu = vs.page.locator('.action-widget');
    await vs.expectText(menu.locator('.monaco-list-row'), 'Add `no-user-rc`');
    const fix = menu.locator('.monaco-list-row.focused', { hasText: 'Restrict to the sync command' });
    await fix.waitFor(); // the preferred fix is the one Enter applies
    await vs.screenshot('03-quick-fix-menu');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(editor().locator('.view-line'), 'restrict,command="~/websync &",from="192.0.2.10"');
    await editor().locator('.squiggly-warning').first().waitFor({ state: 'detached' });
    assert.equal(await editor().locator('.squiggly-error, .squiggly-warning, .squiggly-info').count(), 0);
    const lines = (await vs.saveAndRead(FILE, 'restrict,')).split('\n');
    assert.equal(lines[1], RESTRICTED);
    assert.equal(
      lines[0],
      readFileSync(path.join(ROOT, 'test/fixtures/e2e/authkeys', FILE), 'utf8').split('\n')[0],
      'the comment line is untouched',
    );
    // The Problems panel is still open from the first step (vs.problems() would toggle it shut).
    await vs.expectText(vs.page.locator('.markers-panel'), 'No problems have been detected in the workspace.');
    await vs.screenshot('04-restricted');
  });

  it('hovers the key again: same fingerprint, everything but the command is off', async () => {
    await vs.page.keyboard.press('Escape');
    const text = await vs.hover(keyBlob(), 'all off');
    assert.ok(text.includes(expectedFingerprint), `hover shows ${JSON.stringify(expectedFingerprint)}: ${text}`);
    assert.equal(keygenFingerprint(RESTRICTED), expectedFingerprint, 'ssh-keygen agrees the key is unchanged');
    assert.ok(text.includes('Forwarding, pty and ~/.ssh/rc: all off.'), `hover text: ${text}`);
    assert.ok(text.includes('Only from: 192.0.2.10.'), `hover text: ${text}`);
    await vs.screenshot('05-key-hover-after');
    vs.assertOffline();
  });
});
