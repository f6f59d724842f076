import * as vscode from 'vscode';
import type { DownstreamNode, ListNode, TreeNode } from '../engine/inventory/model';
import { CONTEXT, downstreamContext } from './contextValues';
import type { RowIcon, RowView } from './rows';

// Renders the cached model only: no file I/O and no pop-ups in these callbacks.

const ICONS: Record<DownstreamNode['icon'] | RowIcon, vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  okish: new vscode.ThemeIcon('pass', new vscode.ThemeColor('list.warningForeground')),
  warn: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.errorForeground')),
  sent: new vscode.ThemeIcon('arrow-right'),
  syncing: new vscode.ThemeIcon('sync~spin'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  unknown: new vscode.ThemeIcon('circle-outline'),
};

export class DownstreamsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private roots: ListNode[] = [];
  /** Freshness and propagation per downstream id, computed with the model (rows.ts). */
  private rows: ReadonlyMap<string, RowView> = new Map();
  private readonly parents = new Map<string, TreeNode>();
  /** What the rows last shown say, to tell a refresh that changes nothing from one that does. */
  private shown: string | undefined;
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  set(roots: ListNode[], rows: ReadonlyMap<string, RowView> = new Map()): void {
    this.roots = roots;
    this.rows = rows;
    this.parents.clear();
    // Every level is registered so reveal (which walks getParent) works through inventory groups too.
    const register = (parent: TreeNode, children: readonly TreeNode[]): void => {
      for (const child of children) {
        this.parents.set(child.id, parent);
        register(child, this.getChildren(child));
      }
    };
    for (const list of roots) register(list, list.children);
    // A change event redraws every row, and an inline action clicked while its row is redrawn reaches
    // the command without it (the command then asks which downstream): logs and lists are read again
    // on every write, mostly to find nothing new, so only a change the rows show redraws them.
    const shown = this.render(roots);
    if (shown === this.shown) return;
    this.shown = shown;
    this.changed.fire(undefined);
  }

  /** Every row as VS Code would draw it, in order, with the node its commands are given (its line, its entry). */
  private render(nodes: readonly TreeNode[]): string {
    const rows: unknown[] = [];
    const walk = (level: readonly TreeNode[]): void => {
      for (const node of level) {
        const item = this.getTreeItem(node);
        const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
        // A ThemeIcon and its ThemeColor serialise to their ids.
        rows.push([
          item.id,
          item.label,
          item.description,
          tooltip,
          item.iconPath,
          item.contextValue,
          item.collapsibleState,
          JSON.stringify(node, (key, value: unknown) => (key === 'children' ? undefined : value)),
        ]);
        walk(this.getChildren(node));
      }
    };
    walk(nodes);
    return JSON.stringify(rows);
  }

  get current(): readonly ListNode[] {
    return this.roots;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots;
    return node.kind === 'list' || node.kind === 'inventoryGroup' || node.kind === 'group' ? node.children : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node.id);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'list': {
        const item = expanded(node, 'list-unordered', CONTEXT.list, node.tooltip);
        item.resourceUri = vscode.Uri.file(node.path);
        return item;
      }
      case 'inventoryGroup': {
        // Matches none of the downstream, delay or list menus in package.json: no actions on a group.
        return expanded(
          node,
          node.group === undefined ? 'folder' : 'folder-library',
          CONTEXT.inventoryGroup,
          node.tooltip,
        );
      }
      case 'group': {
        return expanded(
          node,
          node.type === 'all' ? 'broadcast' : node.type === 'none' ? 'circle-slash' : 'layers',
          CONTEXT.pushType,
        );
      }
      case 'delay': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('watch');
        item.contextValue = CONTEXT.delay;
        item.command = {
          command: 'pushMirror.revealDefinition',
          title: vscode.l10n.t('Reveal Definition'),
          arguments: [node],
        };
        return item;
      }
      case 'downstream': {
        const row = this.rows.get(node.id);
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = row?.description ?? node.description;
        const tooltip = new vscode.MarkdownString(row?.tooltip ?? node.tooltip);
        tooltip.supportThemeIcons = true;
        item.tooltip = tooltip;
        item.iconPath = ICONS[row?.icon ?? node.icon];
        // Namespaced flags so menus can show only what applies (e.g. tail needs a known log).
        item.contextValue = downstreamContext({ hasRemoteLog: !!node.inventory?.log, hasTrace: !!node.traceUrl });
        item.command = {
          command: 'pushMirror.revealDefinition',
          title: vscode.l10n.t('Reveal Definition'),
          arguments: [node],
        };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** An expanded tree row for a list, an inventory group or a push type. */
function expanded(
  node: { id: string; label: string; description?: string },
  icon: string,
  contextValue: string,
  tooltip?: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = node.description;
  if (tooltip !== undefined) item.tooltip = new vscode.MarkdownString(tooltip);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.contextValue = contextValue;
  return item;
}
