// The trigger-key wizard in a real VS Code: every step of the multi-step input, Back navigation,
// the refusal to reuse an existing key file, and the generated line opened as authorized_keys.
// The key goes into the run's private workspace, never into this machine's ~/.ssh.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWorkbench, type Workbench } from './harness';

describe('generate trigger key in code-server', () => {
  let vs: Workbench;
  let keyFile: string;
  let existing: string;
  before(
    async () => {
      vs = await startWorkbench({ fixture: 'skeleton', shots: 'keygen' });
      fs.mkdirSync(path.join(vs.workspace, 'keys'));
      keyFile = path.join(vs.workspace, 'keys', 'pushmirror');
      existing = path.join(vs.workspace, 'keys', 'id_ed25519');
      fs.writeFileSync(existing, 'not a key, but it must survive\n', { mode: 0o600 });
      fs.writeFileSync(
        path.join(vs.workspace, 'pushmirror.yaml'),
        '# our downstreams\nversion: 1\ndownstreams:\n  eu.one: { host: one.example.org, user: archvsync }\n',
      );
    },
    { timeout: 120_000 },
  );
  after(async () => {
    await vs?.stop();
  });

  const widget = () => vs.page.locator('.quick-input-widget');
  const input = () => vs.page.locator('.quick-input-widget input').first();
  const step = (n: number) => vs.expectText(widget().locator('.quick-input-title'), `(${n}/6)`);

  it('walks through the steps, with Back and an existing file refused', async () => {
    // Opening a file first: the palette lists contributed commands once the extension host is up.
    await vs.openFile('rsyncd.conf');
    await vs.runCommand('Push Mirror: Generate Trigger Key');
    await step(1);
    await vs.expectText(widget(), 'Ed25519');
    await vs.screenshot('01-key-type');
    await vs.page.keyboard.press('Enter');

    await step(2);
    await input().fill(existing);
    await vs.expectText(widget(), 'never overwritten');
    await vs.screenshot('02-existing-file-refused');
    await vs.page.keyboard.press('Enter');
    await step(2); // still here: the step does not accept a taken name
    await input().fill(keyFile);
    await vs.page.keyboard.press('Enter');

    await step(3);
    await widget().locator('.codicon-quick-input-back').click();
    await step(2);
    assert.equal(await input().inputValue(), keyFile, 'Back shows the earlier answer');
    await vs.page.keyboard.press('Enter');
    await step(3);
    await input().fill('pushmirror e2e@upstream');
    await vs.page.keyboard.press('Enter');

    await step(4);
    await vs.expectText(widget(), 'unattended');
    await vs.screenshot('03-passphrase');
    await vs.page.keyboard.press('Enter');

    await step(5);
    await vs.expectText(widget(), '/usr/bin/ftpsync');
    await vs.screenshot('04-forced-command');
    await vs.page.keyboard.press('Enter');

    await step(6);
    // First the machine's own addresses (if it has any besides loopback), then the editable list. Wait
    // for one of the two to render: the title alone appears before the pick list's rows.
    const picking = widget().locator('input[placeholder*="addresses this upstream connects from"]');
    const editing = widget().filter({ hasText: 'comma-separated addresses' });
    await picking.or(editing).first().waitFor();
    if ((await picking.count()) > 0) {
      await vs.page.keyboard.press('Enter');
      await editing.waitFor();
    }
    await input().fill('192.0.2.10,2001:db8::10');
    await vs.screenshot('05-from');
    await vs.page.keyboard.press('Enter');
  });

  it('opens the generated line as authorized_keys and writes the key files', async () => {
    const editor = vs.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await vs.expectText(editor, 'restrict,command="~/bin/ftpsync",from="192.0.2.10,2001:db8::10" ssh-ed25519 AAAA');
    await vs.expectLanguageMode('SSH authorized_keys');
    await vs.notification('Key written to');
    await vs.screenshot('06-generated-line');

    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const pub = fs.readFileSync(`${keyFile}.pub`, 'utf8');
    assert.match(pub, /^ssh-ed25519 AAAA\S+ pushmirror e2e@upstream\n$/);
    const derived = spawnSync('ssh-keygen', ['-y', '-f', keyFile], { encoding: 'utf8' });
    assert.equal(derived.stdout, pub);
    assert.equal(fs.readFileSync(existing, 'utf8'), 'not a key, but it must survive\n');
    assert.ok(!vs.log.includes('PRIVATE KEY'));
    vs.assertOffline();
  });

  it('records the key as keyFile of a downstream in pushmirror.yaml, as an unsaved edit', async () => {
    const toast = await vs.notification('Key written to');
    await toast.getByRole('button', { name: 'Record in pushmirror.yaml…' }).click();
    await vs.expectText(widget(), 'every downstream without its own keyFile');
    await vs.pickQuickItem('eu.one');
    const editor = vs.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await vs.expectText(editor, `keyFile: ${keyFile}`);
    await vs.screenshot('07-recorded-in-pushmirror-yaml');
    const saved = await vs.saveAndRead('pushmirror.yaml', `keyFile: ${keyFile}`);
    assert.equal(
      saved,
      `# our downstreams\nversion: 1\ndownstreams:\n  eu.one: { host: one.example.org, user: archvsync, keyFile: ${keyFile} }\n`,
    );
  });
});
