import { pushPlan, renderArgv } from '../../../server/src/core/mirrors/command';
import type { RunmirrorsSettings } from '../../../server/src/core/mirrors/conf';
import { parseMirrorList, pushType, target, type PushType } from '../../../server/src/core/mirrors/parser';
import { english, type Translate } from '../l10n';
import type { Inventory, InventoryEntry } from './inventory';
import type { PushStatus } from './status';
import { formatAge } from './trace';

// The Downstreams tree as plain data: which downstreams, how they are grouped, and their status.
// Built from already-loaded texts and statuses, so the tree view only renders and tests need no editor.

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

const TYPE_ORDER: readonly (PushType | 'none')[] = ['all', 'staged', 'mhop', 'none'];
/** runmirrors' own words for the push types; only "not pushed" is ours to translate. */
const typeLabel = (type: PushType | 'none', t: Translate): string => (type === 'none' ? t('not pushed') : type);

function basename(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function latest(a: PushStatus | undefined, b: PushStatus | undefined): PushStatus | undefined {
  if (!a) return b;
  if (!b) return a;
  return (b.time ?? 0) > (a.time ?? 0) ? b : a;
}

function describeStatus(status: PushStatus | undefined, now: number, t: Translate): string {
  if (!status) return t('never pushed');
  if (status.time === undefined) {
    const what = {
      ok: t('pushed'),
      failed: t('push failed'),
      skipped: t('skipped'),
      sent: t('sent'),
      unknown: t('unknown'),
    };
    return what[status.result];
  }
  const age = formatAge(now - status.time);
  const when = {
    ok: t('pushed {0} ago', age),
    failed: t('push failed {0} ago', age),
    skipped: t('skipped {0} ago', age),
    sent: t('sent {0} ago', age),
    unknown: t('unknown {0} ago', age),
  };
  return when[status.result];
}

function finish(
  base: Omit<DownstreamNode, 'description' | 'tooltip' | 'icon' | 'status'>,
  input: ModelInput,
  runmirrorsStatus: PushStatus | undefined,
  extra: string[],
): DownstreamNode {
  const t = input.t ?? english;
  const status = latest(runmirrorsStatus, input.signals?.get(base.name));
  const where = [base.user, base.host].filter(Boolean).join('@');
  const said = describeStatus(status, input.now, t);
  const parts = [where, said];
  const icon: DownstreamNode['icon'] =
    base.type === 'none'
      ? 'warning'
      : status?.result === 'failed'
        ? 'failed'
        : status?.result === 'ok'
          ? 'ok'
          : status?.result === 'sent'
            ? 'sent'
            : status?.result === 'skipped'
              ? 'warning'
              : 'unknown';
  const whence = status?.source === 'signal' ? t('our signal') : t("runmirrors' log");
  const tooltip = [
    `**${base.label}** (${base.name}) — ${typeLabel(base.type, t)}`,
    where ? t('Host: {0}', `\`${where}\``) : '',
    status
      ? status.detail
        ? t('Last push: {0} — {1} ({2})', said, status.detail, whence)
        : t('Last push: {0} ({1})', said, whence)
      : t('No push recorded'),
    ...extra,
    t('Defined in {0} line {1}', `\`${basename(base.definition.path)}\``, base.definition.line + 1),
  ].filter(Boolean);
  return {
    ...base,
    description: parts.filter(Boolean).join(' · '),
    tooltip: tooltip.join('\n\n'),
    icon,
    ...(status ? { status } : {}),
  };
}

type Item = { type: PushType | 'none'; node: DownstreamNode | DelayNode };

const plural = (n: number, t: Translate) => (n === 1 ? t('1 downstream') : t('{0} downstreams', n));

/** `delayScope` keeps a DELAY's ids unique when it is repeated in the push types of several groups. */
function groupNodes(parentId: string, items: readonly Item[], t: Translate, delayScope = ''): GroupNode[] {
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
function listChildren(listId: string, items: readonly Item[], t: Translate): GroupNode[] | InventoryGroupNode[] {
  const groupOf = (item: Item) => (item.node.kind === 'downstream' ? item.node.group : undefined);
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
    const items: Item[] = [];
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
      const node = finish(
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
      const node = finish(
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
