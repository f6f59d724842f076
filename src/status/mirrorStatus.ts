import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { findFtpsyncConfigs, ftpsyncConfigDirs, loadArchiveStatuses, type ArchiveStatus } from '../engine/logs/ftpsync';
import { describeLocks } from '../engine/logs/locks';

// "This Mirror": this host's ftpsync archives with their lock state (syncing, stale lock whose PID
// is gone or reused, another sync requested) and their logs. Data is loaded by the controller below;
// the tree callbacks only render it.

type Node = { kind: 'archive'; status: ArchiveStatus } | { kind: 'log'; label: string; file: string; exists: boolean };

const REFRESH_MS = 15_000;

class MirrorStatusTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private archives: Node[] = [];
  private logsOf = new Map<ArchiveStatus, Node[]>();

  update(statuses: ArchiveStatus[]): void {
    this.archives = statuses.map((status) => ({ kind: 'archive', status }));
    this.logsOf = new Map(
      statuses.map((s) => [
        s,
        [
          { kind: 'log', label: 'ftpsync log', file: s.logs.ftpsync, exists: fs.existsSync(s.logs.ftpsync) },
          { kind: 'log', label: 'rsync log', file: s.logs.rsync, exists: fs.existsSync(s.logs.rsync) },
          { kind: 'log', label: 'rsync errors', file: s.logs.rsyncError, exists: fs.existsSync(s.logs.rsyncError) },
        ] satisfies Node[],
      ]),
    );
    this.emitter.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.archives;
    return node.kind === 'archive' ? (this.logsOf.get(node.status) ?? []) : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'log') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.file.replace(os.homedir(), '~') + (node.exists ? '' : ' (not there yet)');
      item.iconPath = new vscode.ThemeIcon('output');
      item.contextValue = 'pushMirror.ftpsyncLog';
      item.command = { command: 'pushMirror.tailLog', title: 'Tail Sync Log', arguments: [node.file] };
      return item;
    }
    const s = node.status;
    const item = new vscode.TreeItem(
      s.archive === 'default' ? 'ftpsync' : `ftpsync ${s.archive}`,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    const locks = describeLocks(s.locks);
    const stale = s.locks.inProgress.some((l) => l.process === 'dead' || l.process === 'reused');
    const syncing = s.locks.inProgress.some((l) => l.process === 'alive' || l.process === 'unknown');
    item.description = locks ?? 'idle';
    item.iconPath = new vscode.ThemeIcon(
      stale ? 'warning' : syncing ? 'sync~spin' : s.locks.updateRequired.length ? 'history' : 'check',
    );
    item.tooltip = new vscode.MarkdownString(
      [
        `**${s.archive === 'default' ? 'ftpsync' : `ftpsync-${s.archive}`}** (${s.config})`,
        `Archive root (TO): \`${s.to}\`${s.mirrorName ? `, MIRRORNAME \`${s.mirrorName}\`` : ''}`,
        locks ?? 'No `Archive-Update-in-Progress` lock: not syncing.',
        stale
          ? 'A stale lock makes every push log "Unable to start rsync, lock file still exists" until it is removed.'
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    item.contextValue = stale ? 'pushMirror.archive.stale' : 'pushMirror.archive';
    return item;
  }
}

export function registerMirrorStatus(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const tree = new MirrorStatusTree();
  const view = vscode.window.createTreeView('pushMirror.mirrorStatus', { treeDataProvider: tree });
  let timer: NodeJS.Timeout | undefined;
  let loading = false;
  const refresh = async () => {
    if (loading) return;
    loading = true;
    try {
      const roots = (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
      const statuses = await loadArchiveStatuses(findFtpsyncConfigs(ftpsyncConfigDirs(os.homedir(), roots)));
      tree.update(statuses);
      void vscode.commands.executeCommand('setContext', 'pushMirror.hasFtpsync', statuses.length > 0);
    } catch (error) {
      log.warn(`ftpsync status: ${(error as Error).message}`);
    } finally {
      loading = false;
    }
  };
  // Lock files change outside the workspace: poll while the view is visible, not otherwise.
  const follow = (visible: boolean) => {
    if (timer) clearInterval(timer);
    timer = visible ? setInterval(() => void refresh(), REFRESH_MS) : undefined;
    if (visible) void refresh();
  };
  context.subscriptions.push(
    view,
    view.onDidChangeVisibility((e) => follow(e.visible)),
    vscode.commands.registerCommand('pushMirror.refreshMirrorStatus', () => refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresh()),
    { dispose: () => timer && clearInterval(timer) },
  );
  follow(view.visible);
}
