import type { PushType } from '../../../server/src/core/mirrors/parser';
import type { Translate } from '../l10n';
import type { DelayNode, DownstreamNode, GroupNode, InventoryGroupNode } from './nodes';

// The levels of a list in the Downstreams tree: its rows (downstreams and DELAYs) grouped by
// inventory `group` and by push type, with the counts and tallies those nodes show.

const TYPE_ORDER: readonly (PushType | 'none')[] = ['all', 'staged', 'mhop', 'none'];
/** runmirrors' own words for the push types; only "not pushed" is ours to translate. */
export const typeLabel = (type: PushType | 'none', t: Translate): string => (type === 'none' ? t('not pushed') : type);

/** A row of a list before grouping: a downstream or a DELAY, with the push type it is shown under. */
export type ListItem = { type: PushType | 'none'; node: DownstreamNode | DelayNode };

/** "1 downstream", "{0} downstreams": the count a list or group shows. */
export const plural = (n: number, t: Translate) => (n === 1 ? t('1 downstream') : t('{0} downstreams', n));

/** `delayScope` keeps a DELAY's ids unique when it is repeated in the push types of several groups. */
function groupNodes(parentId: string, items: readonly ListItem[], t: Translate, delayScope = ''): GroupNode[] {
  const groups: GroupNode[] = [];
  for (const type of TYPE_ORDER) {
    const children: (DownstreamNode | DelayNode)[] = [];
    let pendingDelays: DelayNode[] = [];
    for (const item of items) {
      if (item.node.kind === 'delay') pendingDelays.push(item.node);
      else if (item.type === type) {
        // A DELAY is shown in every group whose pushes come after it, in file order.
        children.push(...pendingDelays.map((d) => ({ ...d, id: `${d.id}@${delayScope}${type}` })), item.node);
        pendingDelays = [];
      }
    }
    const count = children.filter((c) => c.kind === 'downstream').length;
    if (count)
      groups.push({
        kind: 'group',
        id: `${parentId}#${type}`,
        type,
        label: typeLabel(type, t),
        description: plural(count, t),
        children,
      });
  }
  return groups;
}

/** "2 push failed · 1 pushed": how many of a group's downstreams are in each state. */
function statusTally(nodes: readonly DownstreamNode[], t: Translate): string {
  const words: [DownstreamNode['icon'], (n: number) => string][] = [
    ['failed', (n) => t('{0} push failed', n)],
    ['warning', (n) => t('{0} not pushed or skipped', n)],
    ['sent', (n) => t('{0} signal in flight', n)],
    ['ok', (n) => t('{0} pushed', n)],
    ['unknown', (n) => t('{0} no status', n)],
  ];
  return words
    .map(([icon, say]) => [nodes.filter((n) => n.icon === icon).length, say] as const)
    .filter(([n]) => n > 0)
    .map(([n, say]) => say(n))
    .join(' · ');
}

/**
 * A list's top level. Without any inventory `group` it is the push types, exactly as before groups
 * existed. With one, it is a node per group (sorted by name) and then "Ungrouped", each holding the
 * push types (and DELAY rows) of its own downstreams. The downstreams without a group get a node of
 * their own rather than staying directly under the list: then every level holds one kind of node
 * (list → group → push type → downstream), so a push type such as "all" never sits beside a region
 * and reads as a group called "all", and each group can be collapsed, counted and compared alike.
 * Downstream ids do not depend on the grouping. Group ids hold a `/` (no inventory name may) and no
 * `#` after it (the name is URI-encoded), so they never equal a downstream's, a push type's or a DELAY's.
 */
export function listChildren(
  listId: string,
  items: readonly ListItem[],
  t: Translate,
): GroupNode[] | InventoryGroupNode[] {
  const groupOf = (item: ListItem) => (item.node.kind === 'downstream' ? item.node.group : undefined);
  const names = [...new Set(items.map(groupOf).filter((g): g is string => g !== undefined))];
  if (!names.length) return groupNodes(listId, items, t);
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: InventoryGroupNode[] = [];
  for (const group of [...names, undefined]) {
    const scope = group === undefined ? 'ungrouped/' : `group/${encodeURIComponent(group)}`;
    const id = `${listId}#${scope}`;
    const children = groupNodes(
      id,
      items.filter((i) => i.node.kind === 'delay' || groupOf(i) === group),
      t,
      `${scope}#`,
    );
    const members = children.flatMap((c) => c.children.filter((n): n is DownstreamNode => n.kind === 'downstream'));
    if (!members.length) continue;
    const tally = statusTally(members, t);
    out.push({
      kind: 'inventoryGroup',
      id,
      label: group ?? t('Ungrouped'),
      description: plural(members.length, t),
      tooltip: [
        group === undefined
          ? t('**Ungrouped**: downstreams without a `group` in pushmirror.yaml')
          : t('**{0}**: a `group` from pushmirror.yaml', group),
        `${plural(members.length, t)}${tally ? `: ${tally}` : ''}`,
      ].join('\n\n'),
      ...(group !== undefined ? { group } : {}),
      children,
    });
  }
  return out;
}
