// The trigger-key wizard in a real VS Code: every step of the multi-step input, Back navigation,
// the refusal to reuse an existing key file, and the generated line opened as authorized_keys.
// Recording a second key in runmirrors.conf, whose KEYFILE already names a key, asks first (old →
// new) and by default records it for one downstream only, as an undoable edit of its list line.
// The from= step offers the route source address of the list's downstreams (127.0.1.x → 127.0.0.1).
// The keys go into the run's private workspace, never into this machine's ~/.ssh.
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
  let oldKey: string;
  const LIST = 'all eu.two 127.0.1.2 archvsync\nall eu.three 127.0.1.3 archvsync\n';
  before(
    async () => {
      vs = await startWorkbench({ fixture: 'skeleton', shots: 'keygen' });
      // An archvsync home whose runmirrors.conf names a key that exists (the one that works today).
      fs.mkdirSync(path.join(vs.workspace, 'etc'));
      oldKey = path.join(vs.workspace, 'keys-old');
      fs.writeFileSync(oldKey, 'stands for the working key\n', { mode: 0o600 });
      fs.writeFileSync(path.join(vs.workspace, 'etc', 'runmirrors.conf'), `KEYFILE=${oldKey}\nPUSHARCHIVE=debian\n`);
      fs.writeFileSync(path.join(vs.workspace, 'etc', 'runmirrors.mirror'), LIST);
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
    await vs.screenshot('04-forced-command', { readme: 'key-wizard', crop: [widget()] });
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

  it('offers the route source address of the downstreams in the from= step', async () => {
    const second = path.join(vs.workspace, 'keys', 'pushmirror-2');
    await vs.runCommand('Push Mirror: Generate Trigger Key');
    await step(1);
    await vs.page.keyboard.press('Enter');
    await step(2);
    await input().fill(second);
    await vs.page.keyboard.press('Enter');
    for (const n of [3, 4, 5]) {
      await step(n);
      await vs.page.keyboard.press('Enter');
    }
    await step(6);
    await vs.expectText(widget(), 'to reach eu.two and eu.three');
    await vs.screenshot('08-from-route-source');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(
      widget(),
      'from= 127.0.0.1 (the source address this host uses to reach eu.two and eu.three, as `ip route get 127.0.1.2` and `ip route get 127.0.1.3` show)',
    );
    assert.equal(await input().inputValue(), '127.0.0.1');
    await vs.page.keyboard.press('Enter');
    const editor = vs.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await vs.expectText(editor, 'restrict,command="~/bin/ftpsync",from="127.0.0.1" ssh-ed25519 AAAA');
  });

  it('asks before replacing a KEYFILE that exists: old → new, and Enter records it for one downstream', async () => {
    const second = path.join(vs.workspace, 'keys', 'pushmirror-2');
    const toast = await vs.notification(`Key written to ${second}`);
    await toast.getByRole('button', { name: 'Record in runmirrors.conf…' }).click();
    const dialog = vs.page.locator('.monaco-dialog-box');
    await vs.expectText(dialog, 'Replace the key runmirrors signals every downstream of runmirrors.mirror with?');
    await vs.expectText(dialog, `KEYFILE: ${oldKey} → ${second}`);
    await vs.expectText(dialog, 'all 2 downstreams (eu.two and eu.three)');
    await vs.expectText(dialog.locator('.monaco-button:focus'), 'Only for One Downstream…');
    await vs.screenshot('09-keyfile-old-to-new');
    await vs.page.keyboard.press('Enter');
    await vs.expectText(widget().locator('.quick-input-title'), 'Record the new key for which downstream?');
    await vs.pickQuickItem('eu.three');
    const editor = vs.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await vs.page.locator('.tabs-container .tab.active', { hasText: 'runmirrors.mirror' }).waitFor();
    await vs.expectText(editor, `all eu.three 127.0.1.3 archvsync 2 ${second}`);
    await vs.screenshot('10-recorded-for-one-downstream');
    // Undoable: Ctrl+Z takes it back, Ctrl+Shift+Z redoes it.
    await vs.page.keyboard.press('Control+Z');
    await editor.locator('.view-line', { hasText: 'archvsync 2' }).waitFor({ state: 'detached' });
    await vs.page.keyboard.press('Control+Shift+Z');
    await vs.expectText(editor, `all eu.three 127.0.1.3 archvsync 2 ${second}`);
    const saved = await vs.saveAndRead('etc/runmirrors.mirror', `2 ${second}`);
    assert.equal(saved, `all eu.two 127.0.1.2 archvsync\nall eu.three 127.0.1.3 archvsync 2 ${second}\n`);
    // KEYFILE, and with it every other downstream's key, is unchanged.
    assert.equal(
      fs.readFileSync(path.join(vs.workspace, 'etc', 'runmirrors.conf'), 'utf8'),
      `KEYFILE=${oldKey}\nPUSHARCHIVE=debian\n`,
    );
    vs.assertOffline();
  });

  it('asks before replacing the keyFile a downstream is signalled with in pushmirror.yaml; Enter keeps it', async () => {
    const third = path.join(vs.workspace, 'keys', 'pushmirror-3');
    await vs.runCommand('Push Mirror: Generate Trigger Key');
    await step(1);
    await vs.page.keyboard.press('Enter');
    await step(2);
    await input().fill(third);
    await vs.page.keyboard.press('Enter');
    for (const n of [3, 4, 5, 6]) {
      await step(n);
      await vs.page.keyboard.press('Enter');
    }
    await vs.expectText(widget(), 'from= 127.0.0.1 (the source address');
    await vs.page.keyboard.press('Enter');
    const toast = await vs.notification(`Key written to ${third}`);
    await toast.getByRole('button', { name: 'Record in pushmirror.yaml…' }).click();
    await vs.pickQuickItem('eu.one');
    const dialog = vs.page.locator('.monaco-dialog-box');
    await vs.expectText(dialog, 'Replace the key Push Mirror signals eu.one with?');
    await vs.expectText(dialog, `keyFile (eu.one): ${keyFile} → ${third}`);
    await vs.expectText(dialog.locator('.monaco-button:focus'), 'Keep the Current Key');
    await vs.screenshot('11-inventory-keyfile-old-to-new');
    await vs.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      fs.readFileSync(path.join(vs.workspace, 'pushmirror.yaml'), 'utf8'),
      `# our downstreams\nversion: 1\ndownstreams:\n  eu.one: { host: one.example.org, user: archvsync, keyFile: ${keyFile} }\n`,
    );
    vs.assertOffline();
  });
});
