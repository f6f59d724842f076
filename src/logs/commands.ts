import * as os from 'node:os';
import * as vscode from 'vscode';
import { setting } from '../config';
import { describeLog, discoverLogs, logDirCandidates } from '../engine/logs/discover';
import { isDownstreamNode, pickDownstreamSource } from './downstreamSources';
import { LOG_SCHEME, LogDocumentProvider } from './logDocuments';
import { localSource, tailStateWords, TailManager, type TailSettings, type TailSource } from './tailManager';

const t = vscode.l10n.t;

function readTailSettings(): TailSettings {
  return { initialLines: setting('tailInitialLines'), maxLines: Math.max(100, setting('tailMaxLines')) };
}

/** The log tail feature: a read-only document per tail, and the commands that drive it. */
export function registerLogCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TailManager {
  const provider = new LogDocumentProvider();
  const manager = new TailManager(provider, log, readTailSettings);
  context.subscriptions.push(
    provider,
    manager,
    vscode.workspace.registerFileSystemProvider(LOG_SCHEME, provider, { isReadonly: true, isCaseSensitive: true }),
    vscode.commands.registerCommand('pushMirror.tailLog', async (arg?: unknown) => {
      const source = await sourceFor(arg);
      if (source) await manager.open(source);
    }),
    vscode.commands.registerCommand('pushMirror.stopTail', async (uri?: vscode.Uri) => {
      const session =
        manager.sessionFor(uri ?? vscode.window.activeTextEditor?.document.uri) ??
        (await pickSession(manager, t('Stop which tail?')));
      if (session) await manager.stop(session);
    }),
    vscode.commands.registerCommand('pushMirror.resumeTail', async (uri?: vscode.Uri) => {
      const session =
        manager.sessionFor(uri ?? vscode.window.activeTextEditor?.document.uri) ??
        (await pickSession(manager, t('Resume which tail?')));
      if (session) await manager.resume(session);
    }),
    vscode.commands.registerCommand('pushMirror.jumpToLastError', async (uri?: vscode.Uri) => {
      const session =
        manager.sessionFor(uri ?? vscode.window.activeTextEditor?.document.uri) ??
        (await pickSession(manager, t('Jump to the last error of which tail?')));
      if (session && !(await manager.jumpToLastError(session)))
        void vscode.window.showInformationMessage(t('No error in the lines shown of {0}.', session.source.label));
    }),
  );
  return manager;

  async function sourceFor(arg: unknown): Promise<TailSource | undefined> {
    if (arg instanceof vscode.Uri && arg.scheme === 'file') return localSource(arg.fsPath, readTailSettings);
    if (typeof arg === 'string') return localSource(arg, readTailSettings);
    if (isDownstreamNode(arg)) return pickDownstreamSource(arg, readTailSettings);
    return pickLocalLog();
  }
}

async function pickLocalLog(): Promise<TailSource | undefined> {
  const configured = setting('logDirectories');
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const logs = discoverLogs(logDirCandidates(configured, roots));
  const browse = { label: `$(folder-opened) ${t('Choose a log file…')}`, file: '' };
  const picked = await vscode.window.showQuickPick(
    [
      ...logs.map((l) => ({
        label: describeLog(l, t),
        description: `${l.file.replace(os.homedir(), '~')} · ${(l.size / 1024).toFixed(0)} KiB · ${l.modified.toLocaleString()}`,
        file: l.file,
      })),
      browse,
    ],
    {
      title: t('Tail sync log'),
      matchOnDescription: true,
      placeHolder: logs.length
        ? t('Pick a log to follow')
        : t('No ftpsync or runmirrors logs found in the usual places'),
    },
  );
  if (!picked) return undefined;
  let file = picked.file;
  if (!file) {
    const chosen = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: t('Tail'),
      filters: { [t('Logs')]: ['log', 'error', '0', '1'], [t('All')]: ['*'] },
    });
    file = chosen?.[0]?.fsPath ?? '';
  }
  return file ? localSource(file, readTailSettings) : undefined;
}

async function pickSession(manager: TailManager, title: string) {
  const sessions = manager.all();
  if (sessions.length <= 1) return sessions[0];
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({ label: s.source.label, description: tailStateWords(s.state), session: s })),
    { title },
  );
  return picked?.session;
}
