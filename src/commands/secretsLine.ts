import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { appendSecretLine } from '../../server/src/core/secrets/edits';
import { generatePassword } from '../engine/accounts/secrets';

// `pushMirror.addSecretsLine [user, secretsFilePath | null]`: the quick fix of secrets/missing-user.
// The language server cannot make a password (a rule is pure and a diagnostic must never hold
// one), so the fix names this command: it generates the password with the account wizard's
// generator, appends `user:password` as an undoable edit, puts the cursor after the password and
// shows the password once, with a Copy button. The password is never logged.

const t = vscode.l10n.t;

export async function addSecretsLine(log: vscode.LogOutputChannel, user: unknown, file: unknown): Promise<boolean> {
  if (typeof user !== 'string' || !user || /[:\r\n]/.test(user)) {
    void vscode.window.showErrorMessage(t('Add a secrets line needs a user name without a colon.'));
    return false;
  }
  const active = vscode.window.activeTextEditor?.document;
  const doc =
    typeof file === 'string'
      ? (vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file) ??
        (await vscode.workspace.openTextDocument(vscode.Uri.file(file))))
      : active?.languageId === 'rsyncd-secrets'
        ? active
        : undefined;
  if (!doc) {
    void vscode.window.showErrorMessage(t('Open the secrets file to add the line to.'));
    return false;
  }
  const text = doc.getText();
  if (text.split(/\r?\n/).some((line) => line.startsWith(`${user}:`))) {
    void vscode.window.showInformationMessage(t('{0} already has a line for {1}.', doc.uri.fsPath, user));
    return false;
  }
  const password = generatePassword();
  const { edit, cursor } = appendSecretLine(text, user, password);
  const we = new vscode.WorkspaceEdit();
  we.insert(doc.uri, doc.positionAt(edit.start), edit.newText);
  if (!(await vscode.workspace.applyEdit(we))) {
    void vscode.window.showErrorMessage(t('Could not edit {0}.', doc.uri.fsPath));
    return false;
  }
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const at = doc.positionAt(cursor);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  log.info(`added a line for ${user} with a new random password to ${doc.uri.fsPath} (unsaved; undo with Ctrl+Z)`);
  const copy = { title: t('Copy Password') };
  // Shown once: the password goes into no log and no notification history after this.
  const answer = await vscode.window.showInformationMessage(
    t('Added a line for {0} with a new password (shown once): {1}', user, password),
    {
      modal: true,
      detail: t(
        'The downstream sets it as RSYNC_PASSWORD in its ftpsync.conf. The line is not saved yet: save the file to put it in use, or undo the edit.',
      ),
    },
    copy,
  );
  if (answer === copy) await vscode.env.clipboard.writeText(password);
  return true;
}

export function registerSecretsLineCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CLIENT_COMMANDS.addSecretsLine, (user?: unknown, file?: unknown) =>
    addSecretsLine(log, user, file),
  );
}
