import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { homeDir, WALKTHROUGH_FILES, walkthroughFileOf, workspaceGlob, type WalkthroughFile } from './files';

// `pushMirror.walkthrough.openFile [kind]`: opens the real file a step is about, from the workspace
// or where the host keeps it (/etc/rsyncd.conf, ~/.ssh/authorized_keys, ftpsync's config dirs). One
// file opens directly, several are offered in a pick, none is said plainly with an Open File button.
// Files open beside the walkthrough (the only place this command is offered), so both stay visible.
// The steps tick by a context key set whenever such a document is open, however it was opened.

export const OPEN_FILE = 'pushMirror.walkthrough.openFile';

async function candidates(id: WalkthroughFile, extra: readonly string[]): Promise<vscode.Uri[]> {
  const kind = WALKTHROUGH_FILES[id];
  const glob = workspaceGlob(kind);
  const found = glob ? await vscode.workspace.findFiles(glob, '**/node_modules/**', 20) : [];
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const onHost = [...extra, ...kind.hostPaths(homeDir(), roots)].filter((p) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  });
  const seen = new Set<string>();
  return [...found, ...onHost.map((p) => vscode.Uri.file(p))].filter((u) => {
    const key = u.toString();
    return !seen.has(key) && seen.add(key);
  });
}

/** Opens the file of a step; `extra` host paths are offered first (e.g. the config the daemon reads). */
export async function openWalkthroughFile(id: unknown, extra: readonly string[] = []): Promise<void> {
  if (typeof id !== 'string' || !(id in WALKTHROUGH_FILES)) return;
  const kind = WALKTHROUGH_FILES[id as WalkthroughFile];
  const uris = await candidates(id as WalkthroughFile, extra);
  let pick: vscode.Uri | undefined = uris[0];
  if (uris.length > 1) {
    const chosen = await vscode.window.showQuickPick(
      uris.map((u) => ({ label: vscode.workspace.asRelativePath(u), description: u.fsPath, uri: u })),
      { title: vscode.l10n.t('Open {0}', kind.label), placeHolder: vscode.l10n.t('Which {0}?', kind.label) },
    );
    pick = chosen?.uri;
    if (!chosen) return;
  }
  if (pick) {
    await vscode.window.showTextDocument(pick, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return;
  }
  const paths = kind.hostPaths(homeDir(), []).join(', ');
  const button = { title: vscode.l10n.t('Open File…') };
  const answer = await vscode.window.showInformationMessage(
    paths
      ? vscode.l10n.t('No {0} in this workspace or at {1}.', kind.label, paths)
      : vscode.l10n.t('No {0} in this workspace or at its usual places.', kind.label),
    button,
  );
  if (answer === button) {
    const [file] =
      (await vscode.window.showOpenDialog({ canSelectMany: false, title: vscode.l10n.t('Open {0}', kind.label) })) ??
      [];
    if (file) await vscode.window.showTextDocument(file, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }
}

/** Sets each kind's context key once a document of that kind is open; the steps' completion events. */
export function trackOpenedFiles(context: vscode.ExtensionContext): void {
  const seen = new Set<WalkthroughFile>();
  const note = (doc: vscode.TextDocument) => {
    const id = walkthroughFileOf(doc.languageId, doc.uri.path);
    if (!id || seen.has(id)) return;
    seen.add(id);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_FILES[id].context, true);
  };
  vscode.workspace.textDocuments.forEach(note);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(note));
}
