import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Verdict } from '../../server/src/core/trace/freshness';
import { setting } from '../config';
import { ARCHIVE_CONTEXT } from '../downstreams/contextValues';
import { findFtpsyncConfigs, ftpsyncConfigDirs, loadArchiveStatuses, type ArchiveStatus } from '../engine/logs/ftpsync';
import { TraceHttp } from '../engine/traces/http';
import { checkLocalArchive } from '../engine/traces/local';
import { archiveRow, siteName, upstreamMasterFor, type ArchiveRow } from './archiveView';

// "This Mirror": this host's ftpsync archives with their lock state (syncing, stale lock whose PID
// is gone or reused, another sync requested), their freshness (this host's trace against the
// upstream's master trace, as Debian's mirror checker judges it) and their logs. Data is loaded by
// the functions below; the tree callbacks only render it.

type Node =
  | { kind: 'archive'; status: ArchiveStatus; row: ArchiveRow }
  | { kind: 'log'; label: string; file: string; exists: boolean };

/** Lock files are local: polled while the view is visible. The upstream's master trace is not. */
const REFRESH_MS = 15_000;

const ICONS: Record<ArchiveRow['icon'], vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('check'),
  okish: new vscode.ThemeIcon('check', new vscode.ThemeColor('list.warningForeground')),
  warn: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.errorForeground')),
  sent: new vscode.ThemeIcon('arrow-right'),
  syncing: new vscode.ThemeIcon('sync~spin'),
  failed: new vscode.ThemeIcon('error'),
  warning: new vscode.ThemeIcon('warning'),
  unknown: new vscode.ThemeIcon('circle-outline'),
  'stale-lock': new vscode.ThemeIcon('warning'),
};

const t = vscode.l10n.t;

class MirrorStatusTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private archives: Node[] = [];
  private logsOf = new Map<ArchiveStatus, Node[]>();

  update(archives: { status: ArchiveStatus; row: ArchiveRow }[]): void {
    this.archives = archives.map(({ status, row }) => ({ kind: 'archive', status, row }));
    this.logsOf = new Map(
      archives.map(({ status: s }) => [
        s,
        [
          { kind: 'log', label: t('ftpsync log'), file: s.logs.ftpsync, exists: fs.existsSync(s.logs.ftpsync) },
          { kind: 'log', label: t('rsync log'), file: s.logs.rsync, exists: fs.existsSync(s.logs.rsync) },
          {
            kind: 'log',
            label: t('rsync errors'),
            file: s.logs.rsyncError,
            exists: fs.existsSync(s.logs.rsyncError),
          },
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
      const file = node.file.replace(os.homedir(), '~');
      item.description = node.exists ? file : t('{0} (not there yet)', file);
      item.iconPath = new vscode.ThemeIcon('output');
      item.contextValue = ARCHIVE_CONTEXT.log;
      item.command = { command: 'pushMirror.tailLog', title: t('Tail Sync Log'), arguments: [node.file] };
      return item;
    }
    const item = new vscode.TreeItem(node.row.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `archive:${node.status.config}`;
    item.description = node.row.description;
    item.iconPath = ICONS[node.row.icon];
    item.tooltip = new vscode.MarkdownString(node.row.tooltip);
    item.contextValue = node.row.contextValue;
    return item;
  }
}

interface Judged {
  verdict: Verdict;
  upstreamMaster?: string;
  checkedAt: number;
}

export function registerMirrorStatus(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const tree = new MirrorStatusTree();
  const view = vscode.window.createTreeView('pushMirror.mirrorStatus', { treeDataProvider: tree });
  const http = new TraceHttp();
  // Verdicts by config file, kept between the lock polls.
  const judged = new Map<string, Judged>();
  let timer: NodeJS.Timeout | undefined;
  let loading = false;
  // A refresh asked for while one runs runs after it (true: with freshness), so Refresh is never lost.
  let pending: boolean | undefined;
  const judge = async (s: ArchiveStatus): Promise<Judged> => {
    // The upstream is read over the network only in a trusted workspace.
    const where = vscode.workspace.isTrusted ? upstreamMasterFor(s, setting('mirrorStatusUpstreamMaster')) : undefined;
    const verdict = await checkLocalArchive(
      { to: s.to, mirrorName: siteName(s), ...(where ? { upstreamMaster: where } : {}) },
      { http },
    );
    return { verdict, ...(where ? { upstreamMaster: where } : {}), checkedAt: Date.now() };
  };
  /** `freshness`: also judge each archive's trace (reads the upstream's master trace); else locks only. */
  const refresh = async (freshness: boolean) => {
    if (loading) return void (pending = pending || freshness);
    loading = true;
    try {
      const roots = (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
      const statuses = await loadArchiveStatuses(findFtpsyncConfigs(ftpsyncConfigDirs(os.homedir(), roots)));
      if (freshness)
        for (const [config, j] of await Promise.all(statuses.map(async (s) => [s.config, await judge(s)] as const)))
          judged.set(config, j);
      tree.update(statuses.map((status) => ({ status, row: archiveRow({ status, ...judged.get(status.config) }, t) })));
      void vscode.commands.executeCommand('setContext', 'pushMirror.hasFtpsync', statuses.length > 0);
    } catch (error) {
      log.warn(`ftpsync status: ${(error as Error).message}`);
    } finally {
      loading = false;
    }
    const again = pending;
    pending = undefined;
    if (again !== undefined) await refresh(again);
  };
  // Lock files change outside the workspace: poll them while the view is visible, not otherwise.
  const follow = (visible: boolean) => {
    if (timer) clearInterval(timer);
    timer = visible ? setInterval(() => void refresh(false), REFRESH_MS) : undefined;
    if (visible) void refresh(judged.size === 0);
  };
  context.subscriptions.push(
    view,
    view.onDidChangeVisibility((e) => follow(e.visible)),
    vscode.commands.registerCommand('pushMirror.refreshMirrorStatus', () => refresh(true)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void refresh(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refresh(true)),
    { dispose: () => (timer && clearInterval(timer), http.close()) },
  );
  follow(view.visible);
}
