import { pushPlan, renderArgv } from '../../../server/src/core/mirrors/command';
import { parseMirrorList, pushType, target, type PushType } from '../../../server/src/core/mirrors/parser';
import { english } from '../l10n';
import { basename, describeDownstream } from './downstream-node';
import { listChildren, plural, type ListItem } from './grouping';
import type { Inventory, InventoryEntry } from './inventory';
import type { DownstreamNode, GroupNode, ListNode, LoadedList, ModelInput } from './nodes';

// The Downstreams tree as plain data: which downstreams, how they are grouped, and their status.
// Built from already-loaded texts and statuses, so the tree view only renders and tests need no editor.
// The nodes are declared in nodes.ts (re-exported here, so importers keep one path), a downstream's
// row is described in downstream-node.ts, and a list's levels are grouped in grouping.ts.

export type {
  DelayNode,
  DownstreamNode,
  GroupNode,
  InventoryGroupNode,
  ListNode,
  LoadedInventory,
  LoadedList,
  Location,
  ModelInput,
  TreeNode,
} from './nodes';

/** The 0-based line that holds `offset`. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The archive runmirrors sends for this list: PUSHARCHIVE from its conf, else NAME of runmirrors-NAME.mirror. */
function listArchive(list: LoadedList): string {
  return (
    list.settings.assignments.get('PUSHARCHIVE')?.value ||
    /(?:^|[/\\])runmirrors-([^/\\]+)\.mirror$/.exec(list.path)?.[1] ||
    ''
  );
}

export function buildModel(input: ModelInput): ListNode[] {
  const t = input.t ?? english;
  const inventoryEntries = new Map<
    string,
    { entry: InventoryEntry; path: string; text: string; inventory: Inventory }
  >();
  // An entry's own group, else its inventory's defaults.group. A downstream with no inventory entry has none.
  const groupOf = (entry: InventoryEntry, inventory: Inventory) => entry.group ?? inventory.defaults.group;
  for (const inv of input.inventories ?? [])
    for (const entry of inv.inventory.entries.values())
      inventoryEntries.set(entry.name, { entry, path: inv.path, text: inv.text, inventory: inv.inventory });
  const roots: ListNode[] = [];
  const listed = new Set<string>();
  const multiRoot = new Set(input.lists.map((l) => l.folder)).size > 1;
  for (const list of input.lists) {
    const listId = `list:${list.path}`;
    const doc = parseMirrorList(list.text);
    const items: ListItem[] = [];
    for (const entry of doc.entries) {
      const definition = { path: list.path, line: entry.line, start: entry.span.start, end: entry.span.end };
      if (entry.kind === 'delay') {
        const seconds = entry.seconds?.value ?? '600';
        const stage1 = entry.mode?.value === 'stage1';
        items.push({
          type: 'none',
          node: {
            kind: 'delay',
            id: `${listId}:${entry.line}`,
            label: `DELAY ${seconds}${stage1 ? ' stage1' : ''}`,
            description: stage1 ? t('wait ≤ {0} s for stage1', seconds) : t('pause {0} s', seconds),
            definition,
          },
        });
        continue;
      }
      const name = entry.name?.value ?? t('(no name)');
      listed.add(name);
      const found = inventoryEntries.get(name);
      const inv = found?.entry;
      const group = found ? groupOf(found.entry, found.inventory) : undefined;
      const type = pushType(entry) ?? 'none';
      const { host, user } = target(entry);
      const plan = pushPlan(entry, list.settings, listArchive(list));
      const extra = plan.skipped
        ? [t('runmirrors skips this line: {0}', plan.skipped)]
        : ['```sh\n' + renderArgv([...plan.argv, ` ${plan.commands[0]}`]) + '\n```'];
      const traceUrl = inv?.traceUrl;
      const node = describeDownstream(
        {
          kind: 'downstream',
          id: `${listId}#${name}#${entry.line}`,
          name,
          label: inv?.displayName ?? name,
          type: plan.skipped ? 'none' : type,
          ...(host ? { host } : {}),
          ...(user !== undefined ? { user } : {}),
          definition,
          ...(inv ? { inventory: inv } : {}),
          ...(group !== undefined ? { group } : {}),
          logFile: `${list.settings.logDir}/${name}.log`,
          ...(traceUrl ? { traceUrl } : {}),
          settings: list.settings,
        },
        input,
        input.pushes?.get(`${list.path}#${name}`),
        extra,
      );
      items.push({ type: node.type, node });
    }
    const count = items.filter((i) => i.node.kind === 'downstream').length;
    roots.push({
      kind: 'list',
      id: listId,
      label: basename(list.path),
      description: [multiRoot ? list.folder : '', plural(count, t)].filter(Boolean).join(' · '),
      path: list.path,
      tooltip: [
        `\`${list.path}\``,
        `LOGDIR \`${list.settings.logDir}\``,
        `KEYFILE \`${list.settings.keyFileSetting}\``,
        `PUSHDELAY ${list.settings.pushDelay} s`,
      ].join('\n\n'),
      children: listChildren(listId, items, t),
    });
  }
  for (const inv of input.inventories ?? []) {
    const listId = `inventory:${inv.path}`;
    const items: { type: PushType | 'none'; node: DownstreamNode }[] = [];
    for (const entry of inv.inventory.entries.values()) {
      if (listed.has(entry.name)) continue;
      const user = entry.user ?? inv.inventory.defaults.user;
      const line = lineOf(inv.text, entry.keyStart);
      const group = groupOf(entry, inv.inventory);
      const node = describeDownstream(
        {
          kind: 'downstream',
          // Name and line, as for list entries: a downstream called `all` must not share its id with the push-type row.
          id: `${listId}#${entry.name}#${line}`,
          name: entry.name,
          label: entry.displayName ?? entry.name,
          type: entry.type ?? 'all',
          ...(entry.host ? { host: entry.host } : {}),
          ...(user ? { user } : {}),
          definition: { path: inv.path, line, start: entry.keyStart, end: entry.keyEnd },
          inventory: entry,
          ...(group !== undefined ? { group } : {}),
          ...(entry.traceUrl ? { traceUrl: entry.traceUrl } : {}),
        },
        input,
        undefined,
        [
          entry.signal?.kind === 'command'
            ? t('Signal: {0}', `\`${entry.signal.command}\``)
            : t('Signal: archvsync `sync:*` arguments'),
        ],
      );
      items.push({ type: node.type, node });
    }
    if (items.length) {
      roots.push({
        kind: 'list',
        id: listId,
        label: basename(inv.path),
        description:
          items.length === 1
            ? t('1 downstream not in runmirrors lists')
            : t('{0} downstreams not in runmirrors lists', items.length),
        path: inv.path,
        tooltip: `\`${inv.path}\``,
        children: listChildren(listId, items, t),
      });
    }
  }
  return roots;
}

/** The push-type nodes of a list, through its inventory groups when it has them. */
export function pushTypeNodes(list: ListNode): GroupNode[] {
  return list.children.flatMap((c) => (c.kind === 'inventoryGroup' ? c.children : [c]));
}

/** Every downstream in the model, in tree order (for "signal all"). */
export function allDownstreams(roots: readonly ListNode[]): DownstreamNode[] {
  const seen = new Set<string>();
  const out: DownstreamNode[] = [];
  for (const list of roots) {
    for (const group of pushTypeNodes(list)) {
      for (const child of group.children) {
        if (child.kind !== 'downstream' || seen.has(child.id)) continue;
        seen.add(child.id);
        out.push(child);
      }
    }
  }
  return out;
}
