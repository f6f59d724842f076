import * as vscode from 'vscode';
import { describeDaemonStart } from '../engine/daemon/describe';
import { detectDaemonStart, type DaemonStarter } from '../engine/daemon/detect';

// `pushMirror.showDaemonStart`, the "start the daemon" step: which of inetd, xinetd, systemd's
// rsync.service or rsync.socket, or the init script starts the rsync daemon on the machine the
// extension runs on (the mirror host over Remote-SSH), and whether it reads the rsyncd.conf being
// edited. Read only: it reads the files that decide it and runs nothing.

export const SHOW_DAEMON_START = 'pushMirror.showDaemonStart';

/** The rsyncd.conf the user is editing: the active editor's, else a visible one's. */
function editedConfig(): string | undefined {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
  return editors.find((e) => e?.document.languageId === 'rsyncd-conf' && e.document.uri.scheme === 'file')?.document.uri
    .fsPath;
}

async function openStarter(starter: DaemonStarter): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(starter.file));
  const line = Math.max(0, (starter.line ?? 1) - 1);
  const at = new vscode.Range(line, 0, line, doc.lineAt(Math.min(line, doc.lineCount - 1)).text.length);
  await vscode.window.showTextDocument(doc, { selection: at, preview: false });
}

export async function showDaemonStart(log: vscode.LogOutputChannel): Promise<void> {
  const edited = editedConfig();
  const report = detectDaemonStart('/');
  const summary = describeDaemonStart(report, edited, '/', vscode.l10n.t);
  log.info(`rsync daemon start: ${describeDaemonStart(report, edited).headline}`);
  for (const line of summary.details) log.info(`  ${line}`);
  void vscode.commands.executeCommand('setContext', 'pushMirror.walkthrough.daemonChecked', true);
  // The files worth opening: those that start it, else those that could.
  const active = report.starters.filter((s) => s.active);
  const shown = (active.length ? active : report.starters).slice(0, 2);
  // A short path as it is (/etc/inetd.conf, /etc/init.d/rsync); a long one by its name (rsync.service).
  const buttons = shown.map((s) => ({
    title: vscode.l10n.t('Open {0}', s.file.length <= 24 ? s.file : s.file.slice(s.file.lastIndexOf('/') + 1)),
    starter: s as DaemonStarter | undefined,
  }));
  const details = { title: vscode.l10n.t('Details'), starter: undefined };
  const show = summary.readsEdited === false ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const answer = await show(summary.headline, ...buttons, details);
  if (answer === details) log.show(true);
  if (answer?.starter) await openStarter(answer.starter);
}
