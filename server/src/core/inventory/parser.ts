import { isMap, isScalar, parseYaml, type Node, type Pair, type YAMLMap } from './yaml';

// pushmirror.yaml: what runmirrors.mirror cannot hold, keyed by the runmirrors ShortName, plus
// downstreams of its own for setups without runmirrors. Parsed with source ranges so every problem
// points at the key or value it is about. schemas/pushmirror.schema.json describes the same format
// for the YAML extension; a unit test keeps the two in step.

export const INVENTORY_FILE = 'pushmirror.yaml';

export type SignalStyle = { kind: 'archvsync' } | { kind: 'command'; command: string };

export interface LogLocation {
  /** Path of the downstream's sync log (ftpsync's LOGDIR/ftpsync.log on that host). */
  path: string;
  /** ssh host to tail it on; the downstream's own host when left out. */
  host?: string;
  user?: string;
  port?: number;
  /** Key for reading the log: the trigger key cannot be used, its forced command only starts the sync. */
  identityFile?: string;
}

export interface InventoryEntry {
  name: string;
  /** Offset of the key in the YAML text, for reveal. */
  keyStart: number;
  keyEnd: number;
  displayName?: string;
  group?: string;
  host?: string;
  user?: string;
  port?: number;
  type?: 'all' | 'staged' | 'mhop';
  traceUrl?: string;
  log?: LogLocation;
  signal?: SignalStyle;
  knownHosts?: string;
  keyFile?: string;
}

/** What went wrong; each kind is one `inventory/<kind>` rule (server/src/core/inventory/rules). */
export type InventoryProblemKind =
  | 'syntax'
  | 'duplicate-key'
  | 'not-a-mapping'
  | 'unknown-key'
  | 'empty-value'
  | 'bad-version'
  | 'bad-port'
  | 'bad-type'
  | 'bad-trace-url'
  | 'bad-signal'
  | 'log-without-path'
  | 'bad-name'
  | 'needs-host';

export interface InventoryProblem {
  kind: InventoryProblemKind;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface Inventory {
  entries: Map<string, InventoryEntry>;
  defaults: Omit<InventoryEntry, 'name' | 'keyStart' | 'keyEnd'>;
  problems: InventoryProblem[];
}

const ENTRY_KEYS = [
  'displayName',
  'group',
  'host',
  'user',
  'port',
  'type',
  'traceUrl',
  'log',
  'signal',
  'knownHosts',
  'keyFile',
] as const;
const DEFAULT_KEYS = ['group', 'user', 'port', 'signal', 'knownHosts', 'keyFile'] as const;
const TOP_KEYS = ['version', 'defaults', 'downstreams'];
const TYPES = ['all', 'staged', 'mhop'];

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function range(node: Node | null | undefined, fallback: number): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [fallback, fallback];
}

class Reader {
  readonly problems: InventoryProblem[] = [];
  error(
    kind: InventoryProblemKind,
    node: Node | null | undefined,
    message: string,
    severity: InventoryProblem['severity'] = 'error',
  ): void {
    const [start, end] = range(node, 0);
    this.problems.push({ kind, start, end, message, severity });
  }

  string(pair: Pair, what: string): string | undefined {
    const v = pair.value;
    if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') && String(v.value) !== '')
      return String(v.value);
    this.error('empty-value', (v as Node | null) ?? (pair.key as Node), `${what} must be a non-empty string.`);
    return undefined;
  }

  port(pair: Pair): number | undefined {
    const v = pair.value;
    const n = isScalar(v) ? Number(v.value) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= 65535) return n;
    this.error('bad-port', (v as Node | null) ?? (pair.key as Node), 'port must be a whole number from 1 to 65535.');
    return undefined;
  }

  map(node: unknown, what: string): YAMLMap | undefined {
    if (isMap(node)) return node;
    this.error('not-a-mapping', node as Node, `${what} must be a mapping.`);
    return undefined;
  }

  unknownKey(pair: Pair, allowed: readonly string[], where: string): boolean {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (allowed.includes(key)) return false;
    const plain = key.toLowerCase().replace(/[-_]/g, '');
    const near =
      allowed.find((a) => a.toLowerCase() === plain) ??
      allowed.find((a) => Math.abs(a.length - plain.length) <= 2 && distance(a.toLowerCase(), plain) <= 2);
    this.error(
      'unknown-key',
      pair.key as Node,
      `Unknown key \`${key}\` in ${where}${near ? `; did you mean \`${near}\`?` : `. Known: ${allowed.join(', ')}.`}`,
      'warning',
    );
    return true;
  }

  signal(pair: Pair): SignalStyle | undefined {
    const v = pair.value;
    if (isScalar(v) && v.value === 'archvsync') return { kind: 'archvsync' };
    if (isMap(v)) {
      const command = v.items.find((p) => isScalar(p.key) && p.key.value === 'command');
      if (command) {
        const text = this.string(command, 'signal.command');
        return text ? { kind: 'command', command: text } : undefined;
      }
    }
    this.error(
      'bad-signal',
      (v as Node | null) ?? (pair.key as Node),
      'signal must be `archvsync` (runmirrors-style sync:* arguments) or `{ command: "…" }` (a custom remote command).',
    );
    return undefined;
  }

  log(pair: Pair): LogLocation | undefined {
    if (isScalar(pair.value)) {
      const path = this.string(pair, 'log');
      return path ? { path } : undefined;
    }
    const m = this.map(pair.value, 'log');
    if (!m) return undefined;
    const out: Partial<LogLocation> = {};
    for (const p of m.items) {
      if (this.unknownKey(p, ['path', 'host', 'user', 'port', 'identityFile'], 'log')) continue;
      const key = String((p.key as { value: unknown }).value);
      if (key === 'port') out.port = this.port(p);
      else (out as Record<string, unknown>)[key] = this.string(p, `log.${key}`);
    }
    if (!out.path) {
      this.error('log-without-path', pair.key as Node, 'log needs a `path`.');
      return undefined;
    }
    return out as LogLocation;
  }

  fields(m: YAMLMap, allowed: readonly string[], where: string): Omit<InventoryEntry, 'name' | 'keyStart' | 'keyEnd'> {
    const out: Record<string, unknown> = {};
    for (const p of m.items) {
      if (this.unknownKey(p, allowed, where)) continue;
      const key = String((p.key as { value: unknown }).value);
      if (key === 'port') out.port = this.port(p);
      else if (key === 'signal') out.signal = this.signal(p);
      else if (key === 'log') out.log = this.log(p);
      else {
        const value = this.string(p, key);
        if (value === undefined) continue;
        if (key === 'type' && !TYPES.includes(value)) {
          this.error(
            'bad-type',
            p.value as Node,
            `type must be all, staged or mhop (as in runmirrors.mirror), not \`${value}\`.`,
          );
          continue;
        }
        if (key === 'traceUrl' && !/^https?:\/\/[^/\s]+/.test(value)) {
          this.error(
            'bad-trace-url',
            p.value as Node,
            "traceUrl must be an http:// or https:// URL of the downstream's trace file, e.g. http://mirror.example.org/debian/project/trace/mirror.example.org.",
          );
          continue;
        }
        out[key] = value;
      }
    }
    return out;
  }
}

export function parseInventory(text: string): Inventory {
  const reader = new Reader();
  const entries = new Map<string, InventoryEntry>();
  let defaults: Inventory['defaults'] = {};
  const { doc, refused } = parseYaml(text, { uniqueKeys: true });
  if (!doc) {
    reader.problems.push({ kind: 'syntax', severity: 'error', ...refused! });
    return { entries, defaults, problems: clamp(reader.problems, text.length) };
  }
  for (const e of doc.errors)
    reader.problems.push({
      kind: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
      start: e.pos[0],
      end: Math.max(e.pos[1], e.pos[0]),
      severity: 'error',
      message: e.message.split('\n')[0],
    });
  if (doc.errors.length || doc.contents == null)
    return { entries, defaults, problems: clamp(reader.problems, text.length) };
  const root = reader.map(doc.contents, 'The file');
  if (!root) return { entries, defaults, problems: clamp(reader.problems, text.length) };
  for (const pair of root.items) {
    if (reader.unknownKey(pair, TOP_KEYS, 'pushmirror.yaml')) continue;
    const key = String((pair.key as { value: unknown }).value);
    if (key === 'version') {
      if (!isScalar(pair.value) || pair.value.value !== 1)
        reader.error('bad-version', (pair.value as Node | null) ?? (pair.key as Node), 'version must be 1.');
    } else if (key === 'defaults') {
      const m = reader.map(pair.value, 'defaults');
      if (m) defaults = reader.fields(m, DEFAULT_KEYS, 'defaults');
    } else if (key === 'downstreams' && pair.value != null) {
      const m = reader.map(pair.value, 'downstreams');
      for (const item of m?.items ?? []) {
        const name = isScalar(item.key) ? String(item.key.value) : '';
        const [keyStart, keyEnd] = range(item.key as Node, 0);
        if (!/^[^\s/]+$/.test(name)) {
          reader.error(
            'bad-name',
            item.key as Node,
            'A downstream name is its runmirrors ShortName: no blanks or slashes.',
          );
          continue;
        }
        const fields = item.value == null ? {} : reader.map(item.value, `downstream ${name}`);
        if (!fields) continue;
        entries.set(name, {
          name,
          keyStart,
          keyEnd,
          ...('items' in fields ? reader.fields(fields as YAMLMap, ENTRY_KEYS, `downstream ${name}`) : {}),
        });
      }
    }
  }
  return { entries, defaults, problems: clamp(reader.problems, text.length) };
}

function clamp(problems: InventoryProblem[], length: number): InventoryProblem[] {
  return problems.map((p) => ({
    ...p,
    start: Math.min(Math.max(0, p.start), length),
    end: Math.min(Math.max(p.start, p.end), length),
  }));
}

/** Checks that need the runmirrors lists too: inventory-only downstreams need host and user. */
export function crossCheck(inventory: Inventory, listNames: ReadonlySet<string>): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  for (const entry of inventory.entries.values()) {
    if (listNames.has(entry.name)) continue;
    const missing = [entry.host ? '' : 'host', (entry.user ?? inventory.defaults.user) ? '' : 'user'].filter(Boolean);
    if (missing.length) {
      problems.push({
        kind: 'needs-host',
        start: entry.keyStart,
        end: entry.keyEnd,
        severity: 'warning',
        message: `${entry.name} is not in any runmirrors.mirror list, so it needs its own ${missing.join(' and ')} (or fix the name to match a ShortName).`,
      });
    }
  }
  return problems;
}
