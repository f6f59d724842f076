import { pushPlan, renderArgv } from '../../../server/src/core/mirrors/command';
import type { RunmirrorsSettings } from '../../../server/src/core/mirrors/conf';
import { parseMirrorList, pushType, target, type PushType } from '../../../server/src/core/mirrors/parser';
import type { Inventory, InventoryEntry } from './inventory';
import type { PushStatus } from './status';
import { formatAge, type TraceInfo } from './trace';

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

export interface Freshness {
  info?: TraceInfo;
  error?: string;
}

export interface ModelInput {
  lists: readonly LoadedList[];
  inventories?: readonly LoadedInventory[];
  /** Status from runmirrors' logs, keyed by `${listPath}#${ShortName}`. */
  pushes?: ReadonlyMap<string, PushStatus>;
  /** Results of our own signals, keyed by ShortName. */
  signals?: ReadonlyMap<string, PushStatus>;
  /** Trace results, keyed by trace URL. */
  traces?: ReadonlyMap<string, Freshness>;
  now: number;
  /** Age from which a trace counts as stale (default 12 h, a few Debian push cycles). */
  staleAfterMs?: number;
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
  freshness?: { ageMs?: number; serial?: string; stale: boolean; error?: string };
  inventory?: InventoryEntry;
  /** Per-mirror log written by runmirrors on this machine. */
  logFile?: string;
  traceUrl?: string;
  settings?: RunmirrorsSettings;
  icon: 'ok' | 'failed' | 'stale' | 'warning' | 'unknown' | 'sent';
}

export interface DelayNode {
  kind: 'delay';
  id: string;
  label: string;
  description: string;
  definition: Location;
}

export interface GroupNode {
  kind: 'group';
  id: string;
  label: string;
  description: string;
  children: (DownstreamNode | DelayNode)[];
}

export interface ListNode {
  kind: 'list';
  id: string;
  label: string;
  description: string;
  path: string;
  tooltip: string;
  children: GroupNode[];
}

export type TreeNode = ListNode | GroupNode | DownstreamNode | DelayNode;

const TYPE_ORDER: readonly (PushType | 'none')[] = ['all', 'staged', 'mhop', 'none'];
const TYPE_LABEL: Record<PushType | 'none', string> = { all: 'all', staged: 'staged', mhop: 'mhop', none: 'not pushed' };

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

function describeStatus(status: PushStatus | undefined, now: number): string {
  if (!status) return 'never pushed';
  const when = status.time === undefined ? '' : ` ${formatAge(now - status.time)} ago`;
  const what = { ok: 'pushed', failed: 'push failed', skipped: 'skipped', sent: 'sent', unknown: 'unknown' }[status.result];
  return `${what}${when}`;
}

function finish(
  base: Omit<DownstreamNode, 'description' | 'tooltip' | 'icon' | 'freshness' | 'status'>,
  input: ModelInput,
  runmirrorsStatus: PushStatus | undefined,
  extra: string[],
): DownstreamNode {
  const status = latest(runmirrorsStatus, input.signals?.get(base.name));
  const trace = base.traceUrl ? input.traces?.get(base.traceUrl) : undefined;
  const stale = input.staleAfterMs ?? 12 * 3600_000;
  const freshness = trace
    ? {
        ...(trace.info?.date !== undefined ? { ageMs: input.now - trace.info.date } : {}),
        ...(trace.info?.serial ? { serial: trace.info.serial } : {}),
        stale: trace.info?.date === undefined || input.now - trace.info.date > stale,
        ...(trace.error ? { error: trace.error } : {}),
      }
    : undefined;
  const where = [base.user, base.host].filter(Boolean).join('@');
  const parts = [where, describeStatus(status, input.now)];
  if (freshness?.ageMs !== undefined) parts.push(`synced ${formatAge(freshness.ageMs)} ago`);
  else if (freshness?.error) parts.push('trace unreachable');
  const icon: DownstreamNode['icon'] =
    base.type === 'none'
      ? 'warning'
      : status?.result === 'failed'
        ? 'failed'
        : freshness?.stale
          ? 'stale'
          : status?.result === 'ok'
            ? 'ok'
            : status?.result === 'sent'
              ? 'sent'
              : status?.result === 'skipped'
                ? 'warning'
                : 'unknown';
  const tooltip = [
    `**${base.label}** (${base.name}) — ${TYPE_LABEL[base.type]}`,
    where ? `Host: \`${where}\`` : '',
    status ? `Last push: ${describeStatus(status, input.now)}${status.detail ? ` — ${status.detail}` : ''} (${status.source === 'signal' ? 'our signal' : "runmirrors' log"})` : 'No push recorded',
    freshness
      ? freshness.error
        ? `Trace: ${freshness.error}`
        : `Trace: synced ${freshness.ageMs !== undefined ? `${formatAge(freshness.ageMs)} ago` : 'at an unknown time'}${freshness.serial ? `, archive serial ${freshness.serial}` : ''}`
      : '',
    ...extra,
    `Defined in \`${basename(base.definition.path)}\` line ${base.definition.line + 1}`,
  ].filter(Boolean);
  return { ...base, description: parts.filter(Boolean).join(' · '), tooltip: tooltip.join('\n\n'), icon, ...(status ? { status } : {}), ...(freshness ? { freshness } : {}) };
}

function groupNodes(listId: string, items: { type: PushType | 'none'; node: DownstreamNode | DelayNode }[]): GroupNode[] {
  const groups: GroupNode[] = [];
  for (const type of TYPE_ORDER) {
    const children: (DownstreamNode | DelayNode)[] = [];
    let pendingDelays: DelayNode[] = [];
    for (const item of items) {
      if (item.node.kind === 'delay') pendingDelays.push(item.node);
      else if (item.type === type) {
        // A DELAY is shown in every group whose pushes come after it, in file order.
        children.push(...pendingDelays.map((d) => ({ ...d, id: `${d.id}@${type}` })), item.node);
        pendingDelays = [];
      }
    }
    const count = children.filter((c) => c.kind === 'downstream').length;
    if (count) groups.push({ kind: 'group', id: `${listId}#${type}`, label: TYPE_LABEL[type], description: `${count} downstream${count === 1 ? '' : 's'}`, children });
  }
  return groups;
}

export function buildModel(input: ModelInput): ListNode[] {
  const inventoryEntries = new Map<string, { entry: InventoryEntry; path: string; text: string; inventory: Inventory }>();
  for (const inv of input.inventories ?? []) for (const entry of inv.inventory.entries.values()) inventoryEntries.set(entry.name, { entry, path: inv.path, text: inv.text, inventory: inv.inventory });
  const roots: ListNode[] = [];
  const listed = new Set<string>();
  const multiRoot = new Set(input.lists.map((l) => l.folder)).size > 1;
  for (const list of input.lists) {
    const listId = `list:${list.path}`;
    const doc = parseMirrorList(list.text);
    const items: { type: PushType | 'none'; node: DownstreamNode | DelayNode }[] = [];
    for (const entry of doc.entries) {
      const definition = { path: list.path, line: entry.line, start: entry.span.start, end: entry.span.end };
      if (entry.kind === 'delay') {
        const seconds = entry.seconds?.value ?? '600';
        const stage1 = entry.mode?.value === 'stage1';
        items.push({
          type: 'none',
          node: { kind: 'delay', id: `${listId}:${entry.line}`, label: `DELAY ${seconds}${stage1 ? ' stage1' : ''}`, description: stage1 ? `wait ≤ ${seconds} s for stage1` : `pause ${seconds} s`, definition },
        });
        continue;
      }
      const name = entry.name?.value ?? '(no name)';
      listed.add(name);
      const inv = inventoryEntries.get(name)?.entry;
      const type = pushType(entry) ?? 'none';
      const { host, user } = target(entry);
      const plan = pushPlan(entry, list.settings);
      const extra = plan.skipped ? [`runmirrors skips this line: ${plan.skipped}`] : ['```sh\n' + renderArgv([...plan.argv, ` ${plan.commands[0]}`]) + '\n```'];
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
      description: [multiRoot ? list.folder : '', `${count} downstream${count === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
      path: list.path,
      tooltip: [`\`${list.path}\``, `LOGDIR \`${list.settings.logDir}\``, `KEYFILE \`${list.settings.keyFileSetting}\``, `PUSHDELAY ${list.settings.pushDelay} s`].join('\n\n'),
      children: groupNodes(listId, items),
    });
  }
  for (const inv of input.inventories ?? []) {
    const listId = `inventory:${inv.path}`;
    const items: { type: PushType | 'none'; node: DownstreamNode }[] = [];
    for (const entry of inv.inventory.entries.values()) {
      if (listed.has(entry.name)) continue;
      const user = entry.user ?? inv.inventory.defaults.user;
      const line = lineOf(inv.text, entry.keyStart);
      const node = finish(
        {
          kind: 'downstream',
          id: `${listId}#${entry.name}`,
          name: entry.name,
          label: entry.displayName ?? entry.name,
          type: entry.type ?? 'all',
          ...(entry.host ? { host: entry.host } : {}),
          ...(user ? { user } : {}),
          definition: { path: inv.path, line, start: entry.keyStart, end: entry.keyEnd },
          inventory: entry,
          ...(entry.traceUrl ? { traceUrl: entry.traceUrl } : {}),
        },
        input,
        undefined,
        [entry.signal?.kind === 'command' ? `Signal: \`${entry.signal.command}\`` : 'Signal: archvsync `sync:*` arguments'],
      );
      items.push({ type: node.type, node });
    }
    if (items.length) {
      roots.push({ kind: 'list', id: listId, label: basename(inv.path), description: `${items.length} downstream${items.length === 1 ? '' : 's'} not in runmirrors lists`, path: inv.path, tooltip: `\`${inv.path}\``, children: groupNodes(listId, items) });
    }
  }
  return roots;
}

/** Every downstream in the model, in tree order (for "signal all"). */
export function allDownstreams(roots: readonly ListNode[]): DownstreamNode[] {
  const seen = new Set<string>();
  const out: DownstreamNode[] = [];
  for (const list of roots) {
    for (const group of list.children) {
      for (const child of group.children) {
        if (child.kind !== 'downstream' || seen.has(child.id)) continue;
        seen.add(child.id);
        out.push(child);
      }
    }
  }
  return out;
}
