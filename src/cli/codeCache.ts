import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { getHeapCodeStatistics } from 'node:v8';
import * as vm from 'node:vm';

// cron and CI start `push-mirror` for every check and signal. Compiling the CLI's code is most of its
// start-up, and Node 20 keeps no compiled code between runs (its own compile cache came with Node 22):
// the launcher runs the one-file bundle through V8's code cache, kept per user like other tools' caches.
// V8 checks a cache against the source's length only, so the file's name carries the bundle's digest
// (taken at build time); and since the cache is code this process runs, it is read only from a file
// and a folder the user alone owns and can write, never through a link (a `sudo` that keeps HOME must
// not run what the invoking user wrote).

/** The largest cache read; the CLI's is ~0.3 MB. */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * New bytecode a run may compile and still keep the cache it was given. A cache holds what its first run
 * compiled: `check` of an rsyncd.conf leaves out the inventory's rules and yaml (~130 KB of bytecode
 * when a pushmirror.yaml is checked next), while a run the cache covers compiles ~20 KB (Node's own).
 */
const NEW_BYTECODE_WORTH_CACHING = 64 * 1024;

const bytecodeSize = () => getHeapCodeStatistics().bytecode_and_metadata_size;

export interface CodeCacheOptions {
  /** A digest of the bundle's text, which names the cache file. */
  digest: string;
  /** The command: each keeps its own cache of what it compiles (`--version` compiles no rule). */
  command: string;
  env?: NodeJS.ProcessEnv;
}

export interface LoadedBundle {
  exports: unknown;
  /** Writes the cache with what this run compiled: when there was none, V8 refused it, or it lacked much. */
  save(): void;
}

/** `$XDG_CACHE_HOME/push-mirror`, else `~/.cache/push-mirror`; none when Node's own switch turns caching off. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (typeof process.getuid !== 'function') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'push-mirror');
  const home = os.homedir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'push-mirror') : undefined;
}

/** Only a mode that lets no one else write counts: a group- or world-writable file or folder is someone else's. */
function ownedAndPrivate(stat: fs.Stats): boolean {
  return stat.uid === process.getuid!() && (stat.mode & 0o022) === 0;
}

/** The cache file's bytes when it and its folder are the user's own and safe; undefined otherwise. */
export function readOwnedCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!ownedAndPrivate(fs.lstatSync(path.dirname(file)))) return undefined;
    // No link is followed and a FIFO does not block the CLI's start.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || !ownedAndPrivate(stat) || stat.size === 0 || stat.size > MAX_CACHE_BYTES) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes the cache as its own file (0600, in a 0700 folder) and renames it into place; other builds' go. */
function writeCache(folder: string, file: string, digest: string, data: Buffer): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!ownedAndPrivate(fs.lstatSync(folder))) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  for (const name of fs.readdirSync(folder))
    if (/^cli-.*\.v8$/.test(name) && !name.startsWith(`cli-${digest}-`))
      fs.rmSync(path.join(folder, name), { force: true });
}

/** Runs a CommonJS bundle as `require` would, compiled from the user's code cache when there is a good one. */
export function loadWithCodeCache(bundle: string, options: CodeCacheOptions): LoadedBundle {
  const folder = cacheFolder(options.env);
  const name = `cli-${options.digest}-${options.command}-${process.version}-${process.arch}.v8`;
  const file = folder && path.join(folder, name);
  const cachedData = file ? readOwnedCache(file) : undefined;
  const script = new vm.Script(wrap(fs.readFileSync(bundle, 'utf8')), {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  const loaded = bytecodeSize();
  return {
    get exports() {
      return module.exports;
    },
    save() {
      if (!folder || !file) return;
      const taken = cachedData && !script.cachedDataRejected;
      if (taken && bytecodeSize() - loaded < NEW_BYTECODE_WORTH_CACHING) return;
      try {
        writeCache(folder, file, options.digest, script.createCachedData());
      } catch {
        // A cache that cannot be written (a read-only home, a full disk) only costs the next start time.
      }
    },
  };
}
