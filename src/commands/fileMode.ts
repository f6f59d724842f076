import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { fileMode, formatMode, setFileMode, SymlinkRefusedError } from '../engine/fsutil/atomic';

// `pushMirror.setFileMode [absolutePath, mode]`: the quick fix for files that hold passwords and
// others may read (an rsync secrets file, which strict modes then refuses; an ftpsync.conf with
// RSYNC_PASSWORD). It says exactly what will change and asks first; symlinks are refused (chmod would change whatever they point to) and it runs
// only in trusted workspaces. From the palette it acts on the active editor's file, mode 0600.

const t = vscode.l10n.t;

export async function setFileModeCommand(
  log: vscode.LogOutputChannel,
  file?: unknown,
  mode?: unknown,
): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(t('Changing file modes needs a trusted workspace.'));
    return false;
  }
  const target =
    typeof file === 'string'
      ? file
      : vscode.window.activeTextEditor?.document.uri.scheme === 'file'
        ? vscode.window.activeTextEditor.document.uri.fsPath
        : undefined;
  const wanted = mode === undefined ? 0o600 : mode;
  if (!target || typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 0 || wanted > 0o777) {
    void vscode.window.showErrorMessage(t('Set File Mode needs a file on disk and a mode between 0000 and 0777.'));
    return false;
  }
  const current = await fileMode(target);
  if (!current) {
    void vscode.window.showErrorMessage(t('{0} does not exist.', target));
    return false;
  }
  if (current.symlink) {
    void vscode.window.showErrorMessage(
      t('{0} is a symbolic link; not changed. Set the mode on the file it points to.', target),
    );
    return false;
  }
  if (current.mode === wanted) {
    void vscode.window.showInformationMessage(t('{0} already has mode {1}.', target, formatMode(wanted)));
    return true;
  }
  const apply = { title: t('Set {0}', formatMode(wanted)) };
  const answer = await vscode.window.showWarningMessage(
    t('Change the mode of {0} from {1} to {2}?', target, formatMode(current.mode), formatMode(wanted)),
    {
      modal: true,
      detail: t(
        'A file that holds passwords should be readable by its owner only (rsync with strict modes refuses a secrets file others may read). Only the mode changes; owner and content stay as they are.',
      ),
    },
    apply,
  );
  if (answer !== apply) return false;
  try {
    const result = await setFileMode(target, wanted);
    log.info(`set ${target} from ${formatMode(result.before)} to ${formatMode(result.after)}`);
    void vscode.window.showInformationMessage(t('{0} now has mode {1}.', target, formatMode(result.after)));
    return true;
  } catch (error) {
    const message =
      error instanceof SymlinkRefusedError
        ? error.message
        : `Could not set the mode of ${target}: ${(error as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(
      error instanceof SymlinkRefusedError
        ? error.message
        : t('Could not set the mode of {0}: {1}', target, (error as Error).message),
    );
    return false;
  }
}

export function registerFileModeCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CLIENT_COMMANDS.setFileMode, (file?: unknown, mode?: unknown) =>
    setFileModeCommand(log, file, mode),
  );
}
