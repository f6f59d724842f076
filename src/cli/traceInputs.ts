import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile, readRegularFileSync } from '../../server/src/node/files';
import { INVENTORY_FILE, parseInventory, type Inventory } from '../engine/inventory/inventory';
import { findFtpsyncConfigs, ftpsyncConfigDirs, readFtpsyncConfig } from '../engine/logs/ftpsync';
import { masterOf } from '../engine/traces/status';
import { UsageError, type Output } from './output';

// What `status` and `signal --wait` read besides the mirror list: pushmirror.yaml (trace URLs and log
// locations) and this host's own archive (its master trace and `_hierarchy`), and how durations are
// written on the command line.

/** pushmirror.yaml: the one named, else the one beside the mirror list (yaml or yml), else none. */
export function inventoryPath(explicit: string | undefined, mirrorList: string | undefined): string | undefined {
  if (explicit) return path.resolve(explicit);
  if (!mirrorList) return undefined;
  const dir = path.dirname(mirrorList);
  return [INVENTORY_FILE, 'pushmirror.yml'].map((n) => path.join(dir, n)).find((f) => existsSync(f));
}

export async function loadInventoryFile(file: string, out: Output): Promise<Inventory> {
  let text: string;
  try {
    text = (await readRegularFile(file, { maxBytes: 4 * 1024 * 1024 })).toString('utf8');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const inventory = parseInventory(text);
  for (const p of inventory.problems.filter((x) => x.severity === 'error'))
    out.info(`${file}: ${p.message} (run push-mirror check on it)`);
  return inventory;
}

/** This host's archive root, from its ftpsync config (the first archive ftpsync would read), if any. */
export function localArchiveRoot(home = os.homedir()): string | undefined {
  for (const config of findFtpsyncConfigs(ftpsyncConfigDirs(home))) {
    try {
      return readFtpsyncConfig(config, readRegularFileSync(config).toString('utf8'), home).to;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The master trace to judge lag against: the one named, else this host's archive's, else none. */
export function masterSource(explicit: string | undefined, home = os.homedir()): string | undefined {
  if (explicit) return /^https?:\/\//i.test(explicit) ? explicit : path.resolve(explicit);
  const root = localArchiveRoot(home);
  const file = root ? masterOf(root) : undefined;
  return file && existsSync(file) ? file : undefined;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90` (seconds), `90s`, `15m`, `12h`, `2d` → ms. */
export function parseDuration(option: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--${option} takes a duration (90, 90s, 15m, 12h, 2d), not \`${value}\``);
  return Number(m[1]) * UNIT_MS[m[2] ?? 's']!;
}
