import * as path from 'node:path';
import * as vscode from 'vscode';
import { INVENTORY_FILE } from '../engine/inventory/inventory';
import { loadPushStatuses, loadWorkspaceFiles } from '../engine/inventory/load';
import type { Verdict } from '../../server/src/core/trace/freshness';
import {
  allDownstreams,
  buildModel,
  type ListNode,
  type LoadedInventory,
  type LoadedList,
} from '../engine/inventory/model';
import type { PushStatus } from '../engine/inventory/status';
import type { PropagationUpdate } from '../engine/traces/watch';
import { FreshnessReader } from './freshness';
import { downstreamRow, type RowView } from './rows';
import type { DownstreamsTree } from './tree';

const OUTCOMES_KEY = 'pushMirror.pushOutcomes';
const KEPT_OUTCOMES: ReadonlySet<string> = new Set(['done', 'never-synced', 'unknown']);

/**
 * Loads lists, configs, inventories and logs (all I/O), rebuilds the pure model and hands it to the
 * tree. Refreshes on file changes, debounced; reads trace files (freshness) in the background when
 * trusted, on the view's refresh and after a signal, never on a timer.
 * The inventory's problems are the language server's (inventory/* rules), not shown from here.
 */
export class DownstreamsController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly signals = new Map<string, PushStatus>();
  private readonly inFlightSince = new Map<string, number>();
  /** Freshness verdicts by trace URL. */
  private readonly verdicts = new Map<string, Verdict>();
  /** The latest update of a push watched from this window, by ShortName. */
  private readonly propagation = new Map<string, PropagationUpdate>();
  private readonly freshness = new FreshnessReader();
  private freshnessRead = false;
  private lists: LoadedList[] = [];
  private inventories: LoadedInventory[] = [];
  private pushes = new Map<string, PushStatus>();
  private timer: NodeJS.Timeout | undefined;
  private logWatchers: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly tree: DownstreamsTree,
    private readonly log: vscode.LogOutputChannel,
    /** Keeps each downstream's last landed (or failed) push across window reloads. */
    private readonly memory?: vscode.Memento,
  ) {
    for (const u of memory?.get<PropagationUpdate[]>(OUTCOMES_KEY) ?? []) this.propagation.set(u.name, u);
    for (const glob of ['**/runmirrors*.mirror', '**/runmirrors*.conf', `**/${INVENTORY_FILE}`]) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(
        watcher,
        watcher.onDidChange(() => this.schedule()),
        watcher.onDidCreate(() => this.schedule()),
        watcher.onDidDelete(() => this.schedule()),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh(true)),
    );
  }

  /** Debounced: a save often touches the list and its config together. */
  schedule(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  refresh(fetchTraces = false): Promise<void> {
    this.loading = (this.loading ?? Promise.resolve())
      .then(() => this.load(fetchTraces))
      .catch((error: unknown) => this.log.error(`Downstreams: ${String(error)}`));
    return this.loading;
  }

  /** The model the tree shows, once the load under way (the first one at least) finished. */
  async model(): Promise<readonly ListNode[]> {
    await this.loading;
    return this.tree.current;
  }

  /**
   * Our own signal results (from the signal commands). While a signal is in flight the row says so;
   * once it is done, the row shows what its per-downstream log says (the engine appended the result
   * there before reporting it), read by the same function as after a reload, so a reload changes
   * nothing. The result is kept here only when the log has no record of it (it could not be written).
   */
  recordSignal(name: string, status: Omit<PushStatus, 'source'>): void {
    this.signals.set(name, { ...status, source: 'signal' });
    if (status.result === 'sent') this.inFlightSince.set(name, status.time ?? Date.now());
    this.render();
    if (status.result !== 'sent') void this.refresh().then(() => this.preferLog(name));
  }

  /** A watched push's progress (signal commands): the row reads signalled → syncing → synced in N s. */
  recordPropagation(update: PropagationUpdate): void {
    this.propagation.set(update.name, update);
    this.render();
    // An outcome outlives a reload (the row must say the same after it); a wait in flight or cancelled does not.
    if (KEPT_OUTCOMES.has(update.state)) {
      const kept = [...this.propagation.values()].filter((u) => KEPT_OUTCOMES.has(u.state));
      void this.memory?.update(OUTCOMES_KEY, kept.sort((a, b) => b.at - a.at).slice(0, 1000));
    }
  }

  /** Reads the freshness of the named downstreams again (all when undefined): after a push landed. */
  async refreshFreshness(names?: ReadonlySet<string>): Promise<void> {
    await this.loading;
    const urls = allDownstreams(this.tree.current)
      .filter((n) => !names || names.has(n.name))
      .map((n) => n.traceUrl)
      .filter((u): u is string => !!u);
    await this.readFreshness(urls);
  }

  private preferLog(name: string): void {
    // The log's `date -u` line is the attempt's start (the in-flight time) in whole seconds.
    const since = Math.floor((this.inFlightSince.get(name) ?? Date.now()) / 1000) * 1000;
    const logged = [...this.pushes].some(
      ([key, s]) => key.endsWith(`#${name}`) && s.source === 'signal' && (s.time ?? 0) >= since,
    );
    if (logged && this.signals.get(name)?.result !== 'sent') {
      this.signals.delete(name);
      this.render();
    }
  }

  private async load(fetchTraces: boolean): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => ({ path: f.uri.fsPath, name: f.name }));
    const { lists, inventories } = await loadWorkspaceFiles(folders);
    const pushes = new Map<string, PushStatus>();
    for (const list of lists) for (const [k, v] of await loadPushStatuses(list)) pushes.set(k, v);
    this.lists = lists;
    this.inventories = inventories;
    this.pushes = pushes;
    this.watchLogDirs();
    this.render();
    await vscode.commands.executeCommand(
      'setContext',
      'pushMirror.hasDownstreams',
      lists.length + inventories.length > 0,
    );
    this.log.info(`Downstreams: ${lists.length} list(s), ${inventories.length} inventory file(s)`);
    if (fetchTraces || !this.freshnessRead) void this.refreshFreshness();
  }

  private render(): void {
    const roots = buildModel({
      lists: this.lists,
      inventories: this.inventories,
      pushes: this.pushes,
      signals: this.signals,
      now: Date.now(),
      t: vscode.l10n.t,
    });
    const rows = new Map<string, RowView>();
    for (const node of allDownstreams(roots)) {
      const verdict = node.traceUrl ? this.verdicts.get(node.traceUrl) : undefined;
      const propagation = this.propagation.get(node.name);
      rows.set(
        node.id,
        downstreamRow(
          { node, ...(verdict ? { verdict } : {}), ...(propagation ? { propagation } : {}) },
          vscode.l10n.t,
        ),
      );
    }
    this.tree.set(roots, rows);
  }

  /** Status comes from runmirrors' logs: re-read when they change. */
  private watchLogDirs(): void {
    for (const d of this.logWatchers) d.dispose();
    this.logWatchers = [];
    for (const dir of new Set(this.lists.map((l) => l.settings.logDir))) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dir), '*.log'),
      );
      this.logWatchers.push(
        watcher,
        watcher.onDidChange(() => this.schedule(1000)),
        watcher.onDidCreate(() => this.schedule(1000)),
      );
    }
  }

  /** Trace files are read over the network: only in trusted workspaces, only the inventory's trace URLs. */
  private async readFreshness(urls: readonly string[]): Promise<void> {
    if (!vscode.workspace.isTrusted || !urls.length) return;
    this.freshnessRead = true;
    const roots = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    try {
      for (const [url, verdict] of await this.freshness.read(urls, roots)) this.verdicts.set(url, verdict);
    } catch (error) {
      this.log.warn(`Downstreams: reading traces: ${(error as Error).message}`);
    }
    this.render();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.freshness.close();
    for (const d of [...this.logWatchers, ...this.disposables]) d.dispose();
  }
}

export function inventoryPathFor(folder: vscode.WorkspaceFolder): string {
  return path.join(folder.uri.fsPath, INVENTORY_FILE);
}
