import * as path from 'node:path';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { parseInventory } from '../../../src/engine/inventory/inventory';
import { findFiles, loadInventory, loadList, loadPushStatuses } from '../../../src/engine/inventory/load';
import {
  buildModel,
  type ListNode,
  type LoadedInventory,
  type LoadedList,
  type TreeNode,
} from '../../../src/engine/inventory/model';

// What the Downstreams model tests share: the fixture archvsync home, a list and an inventory made
// from text, and ways to look at a built tree.

export const HOME = path.resolve(__dirname, '../../fixtures/archvsync-home');
export const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

export const list = (file: string, text: string, folder = 'mirror'): LoadedList => ({
  path: file,
  folder,
  text,
  settings: readRunmirrorsConf(undefined, '/home/nobody'),
});
export const inventory = (file: string, text: string): LoadedInventory => ({
  path: file,
  text,
  inventory: parseInventory(text),
});

export async function fixtureModel(extra: Partial<Parameters<typeof buildModel>[0]> = {}): Promise<ListNode[]> {
  const found = await findFiles(HOME);
  const lists = (await Promise.all(found.lists.map((f) => loadList(f, 'archvsync-home', '/home/nobody')))).filter(
    (l) => l !== undefined,
  );
  const inventories = (await Promise.all(found.inventories.map(loadInventory))).filter((i) => i !== undefined);
  const pushes = new Map();
  for (const list of lists) for (const [k, v] of await loadPushStatuses(list)) pushes.set(k, v);
  return buildModel({ lists, inventories, pushes, now: NOW, ...extra });
}

type Shape = string | [string, Shape[]];
/** Labels, nested as the tree nests them: [label, children] for lists and groups, the label for rows. */
export const shape = (nodes: readonly TreeNode[]): Shape[] =>
  nodes.map((n) => ('children' in n ? [n.label, shape(n.children)] : n.label));
/** Every node of the tree, depth first. */
export const walk = (nodes: readonly TreeNode[]): TreeNode[] =>
  nodes.flatMap((n) => [n, ...('children' in n ? walk(n.children) : [])]);

// A list with every push type and two DELAYs (lines 1 and 4), so DELAY rows repeat across types and groups.
export const LIST = '/srv/a/etc/runmirrors.mirror';
export const LIST_TEXT = [
  'all a.one one.example.org archvsync',
  'DELAY 30',
  'staged s.one s1.example.org archvsync',
  'all a.two two.example.org archvsync',
  'DELAY 60 stage1',
  'mhop m.one m1.example.org archvsync',
  'staged s.two s2.example.org archvsync',
  '',
].join('\n');
export const INVENTORY = '/srv/a/pushmirror.yaml';
export const GROUPED = [
  'version: 1',
  'downstreams:',
  '  a.one: { group: Europe }',
  '  s.one: { group: Europe, displayName: S One }',
  '  m.one: { group: Asia }',
  '  a.two: { displayName: A Two }',
  '',
].join('\n');
/** The id of LIST's node. */
export const L = `list:${LIST}`;
