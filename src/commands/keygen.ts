import * as os from 'node:os';
import * as vscode from 'vscode';
import { FileExistsError } from '../engine/fsutil/atomic';
import { KEY_TYPES, validateComment, type KeyType } from '../engine/keys/generate';
import {
  createKeyFiles,
  DEFAULT_KEY_FILE,
  expandHome,
  freeKeyFile,
  keyFileTaken,
  validateKeyPath,
  type CreatedKey,
} from '../engine/keys/keyFile';
import { parseInventory } from '../engine/inventory/inventory';
import { inventoryKeyEdit, type KeyTarget } from '../engine/keys/inventoryKey';
import { keyfileEdit } from '../engine/keys/runmirrorsConf';
import { COMMAND_CHOICES, machineAddresses, validateCommand, validateFrom } from '../engine/keys/trigger';
import { BACK, runSteps, type Step } from './multiStep';

// "Generate Trigger Key…": asks, then hands everything to the keys engine (which also backs
// `push-mirror keygen`). The private key never passes through here: the engine writes it to its
// file and returns only paths, the public line and the fingerprint.

interface KeyState {
  type: KeyType;
  file: string;
  comment: string;
  passphrase: string;
  command: string;
  from: string;
}

const typeStep: Step<KeyState> = async (input, state) => {
  const items = KEY_TYPES.map((k) => ({
    label: k.label,
    description: k.type === 'ed25519' ? 'default' : '',
    detail: k.detail,
    type: k.type,
  }));
  const picked = await input.pick({ placeholder: 'Key type', items, active: items.find((i) => i.type === state.type) });
  if (picked === undefined || picked === BACK) return picked;
  state.type = picked.type;
  return true;
};

function tildify(file: string): string {
  const home = os.homedir();
  return file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

async function fileProblem(value: string): Promise<string | undefined> {
  const bad = validateKeyPath(value);
  if (bad) return bad;
  const full = expandHome(value.trim());
  if (await keyFileTaken(full)) {
    const free = await freeKeyFile(full).catch(() => undefined);
    return `${value} or its .pub exists and is never overwritten${free ? `; try ${tildify(free)}` : ''}`;
  }
  return undefined;
}

const fileStep: Step<KeyState> = async (input, state) => {
  const value = await input.input({
    prompt: 'Private key file (the public key goes beside it as .pub). runmirrors uses ~/.ssh/pushmirror by default.',
    value: state.file,
    validate: fileProblem,
  });
  if (value === undefined || value === BACK) return value;
  state.file = value.trim();
  return true;
};

const commentStep: Step<KeyState> = async (input, state) => {
  const value = await input.input({
    prompt: 'Key comment (shown to the downstream admin in authorized_keys)',
    value: state.comment,
    validate: validateComment,
  });
  if (value === undefined || value === BACK) return value;
  state.comment = value;
  return true;
};

const passphraseStep: Step<KeyState> = async (input, state) => {
  for (;;) {
    const items = [
      {
        label: 'No passphrase',
        description: 'recommended',
        detail: 'Pushes run unattended (runmirrors from cron or ftpsync); nobody is there to type a passphrase.',
        set: false,
      },
      { label: 'Set a passphrase…', detail: 'Only if an ssh-agent holds the key whenever pushes run.', set: true },
    ];
    const picked = await input.pick({ placeholder: 'Passphrase', items, active: items[state.passphrase ? 1 : 0] });
    if (picked === undefined || picked === BACK) return picked;
    if (!picked.set) {
      state.passphrase = '';
      return true;
    }
    const first = await input.input({
      prompt: 'Passphrase',
      password: true,
      validate: (v) => (v.length < 5 ? "at least 5 characters (ssh-keygen's minimum)" : undefined),
    });
    if (first === undefined) return undefined;
    if (first === BACK) continue;
    const again = await input.input({
      prompt: 'Passphrase again',
      password: true,
      validate: (v) => (v === first ? undefined : 'the passphrases differ'),
    });
    if (again === undefined) return undefined;
    if (again === BACK) continue;
    state.passphrase = first;
    return true;
  }
};

const commandStep: Step<KeyState> = async (input, state) => {
  for (;;) {
    const items = [
      ...COMMAND_CHOICES.map((c) => ({ label: c.label, detail: c.detail, command: c.command as string | undefined })),
      { label: 'Custom…', detail: "Another forced command (run by the downstream user's shell)", command: undefined },
    ];
    const active =
      items.find((i) => i.command === state.command) ?? (state.command ? items[items.length - 1] : items[0]);
    const picked = await input.pick({ placeholder: 'Forced command on the downstream (command="…")', items, active });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.command) {
      state.command = picked.command;
      return true;
    }
    const custom = await input.input({ prompt: 'Forced command', value: state.command, validate: validateCommand });
    if (custom === undefined) return undefined;
    if (custom === BACK) continue;
    state.command = custom;
    return true;
  }
};

const fromStep: Step<KeyState> = async (input, state) => {
  for (;;) {
    const addresses = machineAddresses(os.networkInterfaces());
    const items = addresses.map((a) => ({ label: a.address, description: `${a.family} on ${a.iface}` }));
    const current = new Set(state.from.split(',').filter(Boolean));
    let chosen = state.from;
    if (items.length) {
      const picked = await input.pickMany({
        placeholder: 'from=: the addresses this upstream connects from (IPv4 and IPv6); none for no from=',
        items,
        selected: items.filter((i) => current.has(i.label) || !state.from),
      });
      if (picked === undefined || picked === BACK) return picked;
      const others = [...current].filter((c) => !items.some((i) => i.label === c));
      chosen = [...picked.map((p) => p.label), ...others].join(',');
    }
    const edited = await input.input({
      prompt: 'from= list (comma-separated addresses, CIDRs or patterns; empty: none)',
      value: chosen,
      validate: validateFrom,
    });
    if (edited === undefined) return undefined;
    if (edited === BACK) {
      if (items.length) continue;
      return BACK;
    }
    state.from = edited.trim();
    return true;
  }
};

async function generate(state: KeyState, log: vscode.LogOutputChannel): Promise<CreatedKey | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Generating ${state.type} key…` },
      () =>
        createKeyFiles(
          {
            type: state.type,
            file: state.file,
            comment: state.comment,
            command: state.command,
            ...(state.from ? { from: state.from } : {}),
            ...(state.passphrase ? { passphrase: state.passphrase } : {}),
          },
          log,
        ),
    );
  } catch (error) {
    const message =
      error instanceof FileExistsError
        ? `${error.message} (never overwritten).`
        : `Key generation failed: ${(error as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

/** The workspace file matching `glob` to edit: the only one, or the one the user picks among several. */
async function pickWorkspaceFile(glob: string, placeHolder: string): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 20);
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { placeHolder },
  );
  return picked?.uri;
}

async function recordInRunmirrorsConf(key: CreatedKey, log: vscode.LogOutputChannel): Promise<void> {
  let target = await pickWorkspaceFile('**/runmirrors*.conf', 'runmirrors.conf to record KEYFILE in');
  if (!target) {
    const chosen = await vscode.window.showOpenDialog({
      title: 'runmirrors.conf to record KEYFILE in',
      canSelectMany: false,
      openLabel: 'Record KEYFILE',
    });
    target = chosen?.[0];
  }
  if (!target) return;
  const doc = await vscode.workspace.openTextDocument(target);
  const edit = keyfileEdit(doc.getText(), key.privateFile);
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.newText);
  if (await vscode.workspace.applyEdit(we)) {
    await vscode.window.showTextDocument(doc, { preview: false });
    log.info(`recorded KEYFILE=${key.privateFile} in ${target.fsPath} (unsaved; undo with Ctrl+Z)`);
  }
}

/** Records the key as `keyFile` in pushmirror.yaml: for every downstream (`defaults`) or for one. */
async function recordInInventory(key: CreatedKey, log: vscode.LogOutputChannel): Promise<void> {
  const target = await pickWorkspaceFile('**/pushmirror.{yaml,yml}', 'pushmirror.yaml to record keyFile in');
  if (!target) return;
  const doc = await vscode.workspace.openTextDocument(target);
  const names = [...parseInventory(doc.getText()).entries.keys()];
  const items: (vscode.QuickPickItem & { target: KeyTarget })[] = [
    { label: 'defaults', description: 'every downstream without its own keyFile', target: { scope: 'defaults' } },
    ...names.map((name) => ({
      label: name,
      description: 'this downstream only',
      target: { scope: 'downstream', name } as KeyTarget,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Record keyFile ${key.privateFile} for…` });
  if (!picked) return;
  const result = inventoryKeyEdit(doc.getText(), picked.target, key.privateFile);
  if ('error' in result) {
    void vscode.window.showErrorMessage(
      `Cannot record keyFile in ${vscode.workspace.asRelativePath(target)}: ${result.error}.`,
    );
    return;
  }
  const we = new vscode.WorkspaceEdit();
  we.replace(
    doc.uri,
    new vscode.Range(doc.positionAt(result.edit.start), doc.positionAt(result.edit.end)),
    result.edit.newText,
  );
  if (await vscode.workspace.applyEdit(we)) {
    await vscode.window.showTextDocument(doc, { preview: false });
    log.info(`recorded keyFile=${key.privateFile} for ${picked.label} in ${target.fsPath} (unsaved; undo with Ctrl+Z)`);
  }
}

export async function generateTriggerKey(log: vscode.LogOutputChannel): Promise<CreatedKey | undefined> {
  const user = os.userInfo().username;
  const start = await freeKeyFile(expandHome(DEFAULT_KEY_FILE)).catch(() => expandHome(DEFAULT_KEY_FILE));
  const state: KeyState = {
    type: 'ed25519',
    file: tildify(start),
    comment: `pushmirror ${user}@${os.hostname()}`,
    passphrase: '',
    command: COMMAND_CHOICES[0].command,
    from: '',
  };
  const steps: Step<KeyState>[] = [typeStep, fileStep, commentStep, passphraseStep, commandStep, fromStep];
  if (!(await runSteps('Push Mirror: Generate Trigger Key', steps, state))) return undefined;
  const key = await generate(state, log);
  if (!key) return undefined;
  // The downstream's line, in an editor with the authorized_keys language so our rules check it.
  const doc = await vscode.workspace.openTextDocument({
    language: 'ssh-authorized-keys',
    content: `${key.authorizedKeysLine}\n`,
  });
  await vscode.window.showTextDocument(doc, { preview: false });
  const copy = 'Copy line';
  const record = 'Record in runmirrors.conf…';
  const inventory = 'Record in pushmirror.yaml…';
  const hasInventory =
    (await vscode.workspace.findFiles('**/pushmirror.{yaml,yml}', '**/node_modules/**', 1)).length > 0;
  const choices = hasInventory ? [copy, record, inventory] : [copy, record];
  void vscode.window
    .showInformationMessage(
      `Key written to ${key.privateFile} (${key.fingerprint}). Send this line to the downstream admin for their authorized_keys.`,
      ...choices,
    )
    .then(async (choice) => {
      if (choice === copy) await vscode.env.clipboard.writeText(key.authorizedKeysLine);
      if (choice === record) await recordInRunmirrorsConf(key, log);
      if (choice === inventory) await recordInInventory(key, log);
    });
  return key;
}

/** Registers the key commands; `pushMirror.generateTriggerKey` needs a trusted workspace (package.json enablement). */
export function registerKeyCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.generateTriggerKey', () => {
      if (!vscode.workspace.isTrusted)
        return void vscode.window.showErrorMessage('Generating keys needs a trusted workspace.');
      return generateTriggerKey(log);
    }),
  );
}
