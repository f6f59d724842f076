import * as vscode from 'vscode';
import { localArchives } from '../downstreams/freshness';
import type { ListNode } from '../engine/inventory/model';
import { TraceHttp } from '../engine/traces/http';
import { loadHierarchy } from '../engine/traces/hierarchy';
import { hierarchyRows, warningCount, type HierarchyIcon, type HierarchyRow } from './model';
import { hierarchySources, readSelfHierarchy, selfNames } from './sources';

// The Hierarchy view: upstream chain → this mirror → downstreams, from the `_hierarchy`/`_traces`
// files beside each downstream's inventory trace URL. Read when the view is first shown and on its
// Refresh, in trusted workspaces only (it reads over the network); the tree renders cached rows.

const ICONS: Record<HierarchyIcon, vscode.ThemeIcon> = {
  upstream: new vscode.ThemeIcon('arrow-down'),
  self: new vscode.ThemeIcon('home'),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  info: new vscode.ThemeIcon('info'),
  detail: new vscode.ThemeIcon('symbol-field'),
};

const t = vscode.l10n.t;

class HierarchyTree implements vscode.TreeDataProvider<HierarchyRow> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private rows: HierarchyRow[] = [];

  set(rows: HierarchyRow[]): void {
    this.rows = rows;
    this.emitter.fire();
  }

  getChildren(row?: HierarchyRow): HierarchyRow[] {
    return row ? row.children : this.rows;
  }

  getTreeItem(row: HierarchyRow): vscode.TreeItem {
    const item = new vscode.TreeItem(
      row.label,
      row.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = row.id;
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = ICONS[row.icon];
    item.contextValue = row.contextValue;
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function registerHierarchy(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  downstreams: { model(): Promise<readonly ListNode[]> },
): void {
  const tree = new HierarchyTree();
  const view = vscode.window.createTreeView('pushMirror.hierarchy', { treeDataProvider: tree });
  const http = new TraceHttp();
  let loaded = false;
  let loading: Promise<void> | undefined;
  const load = async () => {
    if (!vscode.workspace.isTrusted) {
      view.message = t('The hierarchy is read from your downstreams over HTTP(S): trust this workspace to read it.');
      return;
    }
    loaded = true;
    view.message = t('Reading _hierarchy and _traces…');
    try {
      const roots = (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath);
      const archives = localArchives(roots);
      const selfHierarchy = await readSelfHierarchy(archives);
      const names = selfNames(archives, selfHierarchy);
      const sources = hierarchySources(await downstreams.model());
      const model = await loadHierarchy(sources, {
        http,
        selfNames: names,
        ...(selfHierarchy ? { selfHierarchy } : {}),
        concurrency: 4,
      });
      tree.set(hierarchyRows(model, names, t));
      const warnings = model.findings.filter((f) => f.level === 'warning').length;
      view.message = sources.length
        ? warnings
          ? t('{0} in the hierarchy', warningCount(warnings, t))
          : undefined
        : t('No downstreams pushed from this workspace.');
      log.info(`Hierarchy: ${sources.length} downstream(s), ${model.findings.length} finding(s)`);
    } catch (error) {
      view.message = t('Reading the hierarchy failed: {0}', (error as Error).message);
      log.warn(`Hierarchy: ${(error as Error).message}`);
    }
  };
  const refresh = () => (loading = (loading ?? Promise.resolve()).then(load));
  context.subscriptions.push(
    tree,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible && !loaded) void refresh();
    }),
    vscode.commands.registerCommand('pushMirror.refreshHierarchy', () => refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => view.visible && void refresh()),
    { dispose: () => http.close() },
  );
  if (view.visible) void refresh();
}
