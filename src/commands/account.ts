import * as os from 'node:os';
import * as vscode from 'vscode';
import { planAccount, writeAccountSecret, type AccountPlan } from '../engine/accounts/account';
import { moduleNames, planModuleAuth } from '../engine/accounts/authUsers';
import { ftpsyncConfLines, validateUserName } from '../engine/accounts/secrets';
import { formatMode } from '../engine/fsutil/atomic';
import { registerFileModeCommand } from './fileMode';
import { BACK, runSteps, SKIP, type Step } from './multiStep';
import { registerSecretsLineCommand } from './secretsLine';

// "Add Downstream rsync Account…": module, user name, then a confirmation listing every change.
// The secrets line is written first (atomically, by the engine), then rsyncd.conf is changed
// through a workspace edit (undoable) and saved. The password is shown once, in a modal with copy
// buttons, and never logged.

const t = vscode.l10n.t;

interface AccountState {
  module: string;
  user: string;
  secretsFile?: string;
  needsSecretsFile: boolean;
}

async function pickConfig(): Promise<vscode.TextDocument | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'rsyncd-conf' && active.uri.scheme === 'file') return active;
  const found = await vscode.workspace.findFiles(
    '**/{rsyncd.conf,*.rsyncd.conf,rsyncd-*.conf,rsyncd.conf.d/*.conf}',
    '**/node_modules/**',
    50,
  );
  let uri = found.length === 1 ? found[0] : undefined;
  if (found.length > 1) {
    uri = (
      await vscode.window.showQuickPick(
        found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
        { placeHolder: t('rsyncd.conf to add the account to') },
      )
    )?.uri;
  } else if (!found.length) {
    uri = (
      await vscode.window.showOpenDialog({ title: t('rsyncd.conf to add the account to'), canSelectMany: false })
    )?.[0];
  }
  return uri ? vscode.workspace.openTextDocument(uri) : undefined;
}

function steps(doc: vscode.TextDocument): Step<AccountState>[] {
  const moduleStep: Step<AccountState> = async (input, state) => {
    const items = moduleNames(doc.getText()).map((name) => ({ label: name }));
    if (!items.length) {
      void vscode.window.showErrorMessage(t('{0} has no modules.', vscode.workspace.asRelativePath(doc.uri)));
      return undefined;
    }
    const picked = await input.pick({
      placeholder: t('Module the downstream mirrors'),
      items,
      active: items.find((i) => i.label === state.module),
    });
    if (picked === undefined || picked === BACK) return picked;
    state.module = picked.label;
    return true;
  };
  const userStep: Step<AccountState> = async (input, state) => {
    const value = await input.input({
      prompt: t('rsync user name for the downstream (added to [{0}] auth users)', state.module),
      value: state.user,
      placeholder: t("e.g. the downstream's host name: mirror-example-org"),
      validate: (v) => {
        const bad = validateUserName(v, t);
        if (bad) return bad;
        try {
          // A placeholder path: this only asks whether the module still needs a secrets file.
          state.needsSecretsFile = planModuleAuth(doc.getText(), state.module, v, '/placeholder', t).addsSecretsFile;
        } catch (error) {
          return (error as Error).message;
        }
        return undefined;
      },
    });
    if (value === undefined || value === BACK) return value;
    state.user = value;
    return true;
  };
  const secretsStep: Step<AccountState> = async (input, state) => {
    if (!state.needsSecretsFile) return SKIP;
    const value = await input.input({
      prompt: t('[{0}] has no secrets file: the file to create (mode 0600) and name in the module', state.module),
      value: state.secretsFile ?? `/etc/rsyncd/${state.module.replace(/[^A-Za-z0-9._-]/g, '_')}.secrets`,
      validate: (v) => (v.startsWith('/') ? undefined : t('give an absolute path')),
    });
    if (value === undefined || value === BACK) return value;
    state.secretsFile = value;
    return true;
  };
  return [moduleStep, userStep, secretsStep];
}

function describe(plan: AccountPlan, state: AccountState): string {
  const secrets =
    plan.secretsMode === undefined
      ? t('{0}: created with mode 0600, user {1} with a new random password.', plan.secretsPath, state.user)
      : plan.secretsNewMode === plan.secretsMode
        ? t(
            '{0}: one line appended (mode {1} kept), user {2} with a new random password.',
            plan.secretsPath,
            formatMode(plan.secretsMode),
            state.user,
          )
        : t(
            '{0}: one line appended (mode {1} → {2}), user {3} with a new random password.',
            plan.secretsPath,
            formatMode(plan.secretsMode),
            formatMode(plan.secretsNewMode),
            state.user,
          );
  const lines = [
    secrets,
    // What rsyncd.conf will say, in its own words.
    `rsyncd.conf [${state.module}]: auth users = ${plan.change.value}${plan.addsSecretsFile ? `; secrets file = ${plan.secretsPath}` : ''}.`,
    ...plan.warnings,
  ];
  return lines.join('\n\n');
}

async function applyConfEdits(doc: vscode.TextDocument, text: string, plan: AccountPlan): Promise<boolean> {
  if (doc.getText() !== text) return false;
  const we = new vscode.WorkspaceEdit();
  for (const e of plan.edits)
    we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return (await vscode.workspace.applyEdit(we)) && (await doc.save());
}

export async function addRsyncAccount(log: vscode.LogOutputChannel): Promise<boolean> {
  const doc = await pickConfig();
  if (!doc) return false;
  const state: AccountState = { module: '', user: '', needsSecretsFile: false };
  if (!(await runSteps(t('Push Mirror: Add Downstream rsync Account'), steps(doc), state))) return false;
  const text = doc.getText();
  let plan: AccountPlan;
  try {
    plan = await planAccount(
      {
        confText: text,
        module: state.module,
        user: state.user,
        ...(state.needsSecretsFile && state.secretsFile ? { secretsFile: state.secretsFile } : {}),
      },
      t,
    );
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return false;
  }
  const go = { title: t('Add account') };
  if (
    (await vscode.window.showWarningMessage(
      t('Add rsync account {0} to [{1}]?', state.user, state.module),
      { modal: true, detail: describe(plan, state) },
      go,
    )) !== go
  )
    return false;
  try {
    await writeAccountSecret(plan.secretsPath, state.user, plan.password, log);
  } catch (error) {
    const message = `Could not write ${plan.secretsPath}: ${(error as Error).message}. Nothing was changed.`;
    log.error(message);
    void vscode.window.showErrorMessage(
      t('Could not write {0}: {1}. Nothing was changed.', plan.secretsPath, (error as Error).message),
    );
    return false;
  }
  if (!(await applyConfEdits(doc, text, plan))) {
    log.warn(
      `${state.user} is in ${plan.secretsPath}, but rsyncd.conf changed meanwhile or could not be saved: add ${state.user} to [${state.module}] auth users by hand.`,
    );
    void vscode.window.showWarningMessage(
      t(
        '{0} is in {1}, but rsyncd.conf changed meanwhile or could not be saved: add {0} to [{2}] auth users by hand.',
        state.user,
        plan.secretsPath,
        state.module,
      ),
    );
  } else {
    log.info(`added ${state.user} to [${state.module}] auth users in ${doc.uri.fsPath}`);
  }
  const conf = ftpsyncConfLines({
    host: os.hostname(),
    module: state.module,
    user: state.user,
    password: plan.password,
  });
  const copyPassword = { title: t('Copy password') };
  const copyConf = { title: t('Copy ftpsync.conf lines') };
  // Shown once: the password is in no log, file of ours or notification history after this.
  const choice = await vscode.window.showInformationMessage(
    t('Account {0} added to [{1}]. Password (shown once): {2}', state.user, state.module, plan.password),
    { modal: true, detail: `${t("For the downstream's ftpsync.conf:")}\n\n${conf}` },
    copyPassword,
    copyConf,
  );
  if (choice === copyPassword) await vscode.env.clipboard.writeText(plan.password);
  if (choice === copyConf) await vscode.env.clipboard.writeText(`${conf}\n`);
  return true;
}

/**
 * Registers the account command, the secrets-file mode fix (both need a trusted workspace) and the
 * "add a line with a new password" fix (an editor edit, undoable: no trust needed).
 */
export function registerAccountCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.addRsyncAccount', () => {
      if (!vscode.workspace.isTrusted)
        return void vscode.window.showErrorMessage(t('Adding accounts needs a trusted workspace.'));
      return addRsyncAccount(log);
    }),
    registerFileModeCommand(log),
    registerSecretsLineCommand(log),
  );
}
