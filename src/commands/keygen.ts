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
import { allDownstreams, type DownstreamNode } from '../engine/inventory/model';
import {
  describeChoice,
  routeChoices,
  targetOf,
  type DownstreamTarget,
  type SourceChoice,
} from '../engine/keys/fromSuggestion';
import { COMMAND_CHOICES, machineAddresses, validateCommand, validateFrom } from '../engine/keys/trigger';
import { loadSshConfig } from '../engine/ssh/sshConfig';
import { nameList } from '../downstreams/wording';
import { BACK, runSteps, type Step } from './multiStep';
import { isDownstreamNode } from '../logs/downstreamSources';
import { recordInInventory, recordInRunmirrorsConf, type ModelSource } from './recordKey';

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

const t = vscode.l10n.t;

/** The names of the steps' downstreams, joined in the UI's language. */
const names = (n: readonly string[]) => nameList(n, undefined, t);

const typeStep: Step<KeyState> = async (input, state) => {
  const items = KEY_TYPES.map((k) => ({
    label: k.label,
    description: k.type === 'ed25519' ? t('default') : '',
    detail: k.detail(t),
    type: k.type,
  }));
  const picked = await input.pick({
    placeholder: t('Key type'),
    items,
    active: items.find((i) => i.type === state.type),
  });
  if (picked === undefined || picked === BACK) return picked;
  state.type = picked.type;
  return true;
};

function tildify(file: string): string {
  const home = os.homedir();
  return file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

async function fileProblem(value: string): Promise<string | undefined> {
  const bad = validateKeyPath(value, t);
  if (bad) return bad;
  const full = expandHome(value.trim());
  if (await keyFileTaken(full)) {
    const free = await freeKeyFile(full).catch(() => undefined);
    return free
      ? t('{0} or its .pub exists and is never overwritten; try {1}', value, tildify(free))
      : t('{0} or its .pub exists and is never overwritten', value);
  }
  return undefined;
}

const fileStep: Step<KeyState> = async (input, state) => {
  const value = await input.input({
    prompt: t(
      'Private key file (the public key goes beside it as .pub). runmirrors uses ~/.ssh/pushmirror by default.',
    ),
    value: state.file,
    validate: fileProblem,
  });
  if (value === undefined || value === BACK) return value;
  state.file = value.trim();
  return true;
};

const commentStep: Step<KeyState> = async (input, state) => {
  const value = await input.input({
    prompt: t('Key comment (shown to the downstream admin in authorized_keys)'),
    value: state.comment,
    validate: (v) => validateComment(v, t),
  });
  if (value === undefined || value === BACK) return value;
  state.comment = value;
  return true;
};

const passphraseStep: Step<KeyState> = async (input, state) => {
  for (;;) {
    const items = [
      {
        label: t('No passphrase'),
        description: t('recommended'),
        detail: t('Pushes run unattended (runmirrors from cron or ftpsync); nobody is there to type a passphrase.'),
        set: false,
      },
      {
        label: t('Set a passphrase…'),
        detail: t('Only if an ssh-agent holds the key whenever pushes run.'),
        set: true,
      },
    ];
    const picked = await input.pick({ placeholder: t('Passphrase'), items, active: items[state.passphrase ? 1 : 0] });
    if (picked === undefined || picked === BACK) return picked;
    if (!picked.set) {
      state.passphrase = '';
      return true;
    }
    const first = await input.input({
      prompt: t('Passphrase'),
      password: true,
      validate: (v) => (v.length < 5 ? t("at least 5 characters (ssh-keygen's minimum)") : undefined),
    });
    if (first === undefined) return undefined;
    if (first === BACK) continue;
    const again = await input.input({
      prompt: t('Passphrase again'),
      password: true,
      validate: (v) => (v === first ? undefined : t('the passphrases differ')),
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
      ...COMMAND_CHOICES.map((c) => ({
        label: c.label,
        detail: c.detail(t),
        command: c.command as string | undefined,
      })),
      {
        label: t('Custom…'),
        detail: t("Another forced command (run by the downstream user's shell)"),
        command: undefined,
      },
    ];
    const active =
      items.find((i) => i.command === state.command) ?? (state.command ? items[items.length - 1] : items[0]);
    const picked = await input.pick({
      placeholder: t('Forced command on the downstream (command="…")'),
      items,
      active,
    });
    if (picked === undefined || picked === BACK) return picked;
    if (picked.command) {
      state.command = picked.command;
      return true;
    }
    const custom = await input.input({
      prompt: t('Forced command'),
      value: state.command,
      validate: (v) => validateCommand(v, t),
    });
    if (custom === undefined) return undefined;
    if (custom === BACK) continue;
    state.command = custom;
    return true;
  }
};

/**
 * from=: the address each downstream sees this host connect from is the source address of the route
 * to it (`ip route get`), which need not be any interface address of this host; those come after.
 */
const fromStep =
  (routes: Promise<SourceChoice[]>): Step<KeyState> =>
  async (input, state) => {
    const viaRoutes = await routes;
    for (;;) {
      const routeItems = viaRoutes.map((c) => ({
        label: c.source,
        description: t('to reach {0}', names(c.downstreams.map((d) => d.name))),
        detail: describeChoice(c, names, t),
      }));
      const ownItems = machineAddresses(os.networkInterfaces())
        .filter((a) => !viaRoutes.some((c) => c.source === a.address))
        .map((a) => ({ label: a.address, description: t('{0} on {1}', a.family, a.iface), detail: '' }));
      const items: { label: string; description: string; detail: string }[] = [...routeItems, ...ownItems];
      const current = new Set(state.from.split(',').filter(Boolean));
      const suggested = routeItems.length ? routeItems : ownItems;
      let chosen = state.from;
      if (items.length) {
        const picked = await input.pickMany({
          placeholder: routeItems.length
            ? t(
                'from=: the addresses this upstream connects from, as the downstreams see them (route source addresses first)',
              )
            : t('from=: the addresses this upstream connects from (IPv4 and IPv6); none for no from='),
          items,
          selected: items.filter((i) => current.has(i.label) || (!state.from && suggested.includes(i))),
        });
        if (picked === undefined || picked === BACK) return picked;
        const others = [...current].filter((c) => !items.some((i) => i.label === c));
        chosen = [...picked.map((p) => p.label), ...others].join(',');
      }
      const why = viaRoutes
        .filter((c) => chosen.split(',').includes(c.source))
        .map((c) => `from= ${c.source} (${describeChoice(c, names, t)})`)
        .join('; ');
      const prompt = t('from= list (comma-separated addresses, CIDRs or patterns; empty: none)');
      const edited = await input.input({
        prompt: why ? `${prompt}. ${why}.` : prompt,
        value: chosen,
        validate: (v) => validateFrom(v, t),
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

/** The downstreams whose routes the from= step offers: the one the wizard was opened for, else all the view knows. */
async function routesFor(view: ModelSource, node: DownstreamNode | undefined): Promise<SourceChoice[]> {
  const nodes = node ? [node] : allDownstreams(await view.model()).filter((n) => n.type !== 'none');
  const sshConfig = loadSshConfig();
  const targets = nodes.map((n) => targetOf(n, sshConfig)).filter((t): t is DownstreamTarget => !!t);
  return routeChoices(targets);
}

async function generate(state: KeyState, log: vscode.LogOutputChannel): Promise<CreatedKey | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Generating {0} key…', state.type) },
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
        ? t('{0} (never overwritten).', error.message)
        : t('Key generation failed: {0}', (error as Error).message);
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

export async function generateTriggerKey(
  log: vscode.LogOutputChannel,
  view: ModelSource,
  node?: DownstreamNode,
): Promise<CreatedKey | undefined> {
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
  // Looked up while the user answers the first steps (names resolve with a bound, IP literals at once).
  const routes = routesFor(view, node).catch((error: unknown) => {
    log.warn(`from=: route lookup failed: ${String(error)}`);
    return [];
  });
  const steps: Step<KeyState>[] = [typeStep, fileStep, commentStep, passphraseStep, commandStep, fromStep(routes)];
  if (!(await runSteps(t('Push Mirror: Generate Trigger Key'), steps, state))) return undefined;
  const key = await generate(state, log);
  if (!key) return undefined;
  // The downstream's line, in an editor with the authorized_keys language so our rules check it.
  const doc = await vscode.workspace.openTextDocument({
    language: 'ssh-authorized-keys',
    content: `${key.authorizedKeysLine}\n`,
  });
  await vscode.window.showTextDocument(doc, { preview: false });
  // Buttons are told apart by object, not by their (translated) words.
  const copy = { title: t('Copy line') };
  const record = { title: t('Record in runmirrors.conf…') };
  const inventory = { title: t('Record in pushmirror.yaml…') };
  const hasInventory =
    (await vscode.workspace.findFiles('**/pushmirror.{yaml,yml}', '**/node_modules/**', 1)).length > 0;
  const choices = hasInventory ? [copy, record, inventory] : [copy, record];
  void vscode.window
    .showInformationMessage(
      t(
        'Key written to {0} ({1}). Send this line to the downstream admin for their authorized_keys.',
        key.privateFile,
        key.fingerprint,
      ),
      ...choices,
    )
    .then(async (choice) => {
      if (choice === copy) await vscode.env.clipboard.writeText(key.authorizedKeysLine);
      if (choice === record) await recordInRunmirrorsConf(key, log, view);
      if (choice === inventory) await recordInInventory(key, log);
    });
  return key;
}

/** Registers the key commands; `pushMirror.generateTriggerKey` needs a trusted workspace (package.json enablement). */
export function registerKeyCommands(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  view: ModelSource,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.generateTriggerKey', (arg?: unknown) => {
      if (!vscode.workspace.isTrusted)
        return void vscode.window.showErrorMessage(t('Generating keys needs a trusted workspace.'));
      // Opened for a downstream (Copy authorized_keys Line without a key): from= is suggested for it.
      return generateTriggerKey(log, view, isDownstreamNode(arg) ? arg : undefined);
    }),
  );
}
