import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { archvsyncSeed } from '../../../server/src/core/mirrors/check';
import { readRegularFileTail } from '../../../server/src/node/files';
import { confPathFor, readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { parseMirrorList, isMirror } from '../../../server/src/core/mirrors/parser';
import { INVENTORY_FILE, parseInventory } from './inventory';
import type { LoadedInventory, LoadedList } from './model';
import { parseMainLog, pushStatus, type PushStatus } from './status';

// All file reading for the Downstreams view happens here, outside the tree callbacks.

const LIST_NAME = /^runmirrors.*\.mirror$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'log', 'logs', 'locks', 'mirror', 'debian']);

export interface FoundFiles {
  lists: string[];
  inventories: string[];
}

/** Finds runmirrors lists and inventories under a folder: a bounded walk (depth and entry count). */
export async function findFiles(root: string, maxDepth = 3, maxEntries = 5000): Promise<FoundFiles> {
  const found: FoundFiles = { lists: [], inventories: [] };
  let budget = maxEntries;
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (--budget < 0) return;
      const full = path.join(dir, e.name);
      if (e.isFile() && LIST_NAME.test(e.name)) found.lists.push(full);
      else if (e.isFile() && e.name === INVENTORY_FILE) found.inventories.push(full);
      else if (
        e.isDirectory() &&
        depth < maxDepth &&
        !SKIP_DIRS.has(e.name) &&
        (!e.name.startsWith('.') || e.name === '.config')
      )
        await walk(full, depth + 1);
    }
  };
  await walk(root, 0);
  return found;
}

/** A list or a log, regular files only (a FIFO named like a log must not hold a libuv thread). */
async function readText(file: string, maxBytes = 4 * 1024 * 1024): Promise<string | undefined> {
  try {
    return (await readRegularFileTail(file, maxBytes)).toString('utf8');
  } catch {
    return undefined;
  }
}

export async function loadList(file: string, folder: string, home = os.homedir()): Promise<LoadedList | undefined> {
  const text = await readText(file);
  if (text === undefined) return undefined;
  const confText = await readText(confPathFor(file));
  return { path: file, folder, text, settings: readRunmirrorsConf(confText, home, archvsyncSeed(file)) };
}

export async function loadInventory(file: string): Promise<LoadedInventory | undefined> {
  const text = await readText(file);
  return text === undefined ? undefined : { path: file, text, inventory: parseInventory(text) };
}

/** Push statuses of one list from runmirrors' logs, keyed `${listPath}#${ShortName}`. */
export async function loadPushStatuses(list: LoadedList): Promise<Map<string, PushStatus>> {
  const statuses = new Map<string, PushStatus>();
  const name = path.basename(list.path).replace(/\.mirror$/, '');
  const mainLog = list.settings.log ?? path.join(list.settings.logDir, `${name}.log`);
  const verdicts = parseMainLog((await readText(mainLog, 256 * 1024)) ?? '');
  for (const entry of parseMirrorList(list.text).entries.filter(isMirror)) {
    if (!entry.name) continue;
    const own = await readText(path.join(list.settings.logDir, `${entry.name.value}.log`), 64 * 1024);
    const host = entry.url?.host ?? entry.host?.value ?? '';
    const status = pushStatus(own, verdicts.get(host));
    if (status) statuses.set(`${list.path}#${entry.name.value}`, status);
  }
  return statuses;
}

/** Every runmirrors list and inventory under the given folders, loaded (what the Downstreams model is built from). */
export async function loadWorkspaceFiles(
  folders: readonly { path: string; name: string }[],
): Promise<{ lists: LoadedList[]; inventories: LoadedInventory[] }> {
  const lists: LoadedList[] = [];
  const inventories: LoadedInventory[] = [];
  for (const folder of folders) {
    const found = await findFiles(folder.path);
    for (const file of found.lists) {
      const list = await loadList(file, folder.name);
      if (list) lists.push(list);
    }
    for (const file of found.inventories) {
      const inventory = await loadInventory(file);
      if (inventory) inventories.push(inventory);
    }
  }
  return { lists, inventories };
}
