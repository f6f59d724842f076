import type { RunmirrorsSettings } from '../../../server/src/core/mirrors/conf';
import type { PushType } from '../../../server/src/core/mirrors/parser';
import type { Translate } from '../l10n';
import type { Inventory, InventoryEntry } from './inventory';
import type { PushStatus } from './status';

// The Downstreams tree's nodes and what it is built from (model.ts builds it): plain data, so the
// tree view only renders it and tests need no editor.

export interface LoadedList {
  path: string;
  /** Workspace folder name, shown when there are several roots. */
  folder: string;
  text: string;
  settings: RunmirrorsSettings;
}

export interface LoadedInventory {
  path: string;
  text: string;
  inventory: Inventory;
}

export interface ModelInput {
  lists: readonly LoadedList[];
  inventories?: readonly LoadedInventory[];
  /** Status from runmirrors' logs, keyed by `${listPath}#${ShortName}`. */
  pushes?: ReadonlyMap<string, PushStatus>;
  /** Results of our own signals, keyed by ShortName. */
  signals?: ReadonlyMap<string, PushStatus>;
  now: number;
  /** The words of descriptions and tooltips (English by default; the view hands in vscode.l10n.t). */
  t?: Translate;
}

export interface Location {
  path: string;
  line: number;
  start: number;
  end: number;
}

export interface DownstreamNode {
  kind: 'downstream';
  id: string;
  name: string;
  label: string;
  type: PushType | 'none';
  host?: string;
  user?: string;
  description: string;
  tooltip: string;
  definition: Location;
  status?: PushStatus;
  inventory?: InventoryEntry;
  /** `group` of its inventory entry (or of that inventory's `defaults`): the tree level it is shown under. */
  group?: string;
  /** Per-mirror log written by runmirrors on this machine. */
  logFile?: string;
  traceUrl?: string;
  settings?: RunmirrorsSettings;
  icon: 'ok' | 'failed' | 'warning' | 'unknown' | 'sent';
}

export interface DelayNode {
  kind: 'delay';
  id: string;
  label: string;
  description: string;
  definition: Location;
}

/** A push type (all, staged, mhop, not pushed) within a list or within an inventory group. */
export interface GroupNode {
  kind: 'group';
  id: string;
  /** The push type; the label is its runmirrors word, or "not pushed" in the UI's language. */
  type: PushType | 'none';
  label: string;
  description: string;
  children: (DownstreamNode | DelayNode)[];
}

/** An inventory `group` (or the downstreams without one) within a list; push types below it. */
export interface InventoryGroupNode {
  kind: 'inventoryGroup';
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** The group name; undefined for the "Ungrouped" node. */
  group?: string;
  children: GroupNode[];
}

export interface ListNode {
  kind: 'list';
  id: string;
  label: string;
  description: string;
  path: string;
  tooltip: string;
  /** Push types, or, when a downstream of the list has an inventory `group`, groups (never both kinds). */
  children: (GroupNode | InventoryGroupNode)[];
}

export type TreeNode = ListNode | InventoryGroupNode | GroupNode | DownstreamNode | DelayNode;
