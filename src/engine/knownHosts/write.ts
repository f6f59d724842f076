import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, readRegularFile } from '../../../server/src/node/files';

// Appending to known_hosts without losing a line. Twenty downstreams accepted at once used to each
// read the file, add their line and rename over it: the last rename won and 19 keys were lost (the
// next run would "accept new" them again, exactly when a man in the middle would be trusted). Now:
// - in this process, one queue per file: writes run one after another;
// - across processes (the CLI from cron while the extension runs), a lock file `<file>.lock`
//   created with O_EXCL, waited for with a bound, broken when its owner is dead or it is stale;
// - under the lock the file is read again, the line is added only if it is not already there, and
//   the result replaces the file through a temp file and a rename (mode and owner kept), so a reader
//   never sees half a line.

export interface AppendOptions {
  signal?: AbortSignal;
  /** How long to wait for another process's lock (default 10 s). */
  lockWaitMs?: number;
  /** A lock older than this is broken even if its owner looks alive (default 30 s; a write takes milliseconds). */
  staleMs?: number;
}

export class KnownHostsLockError extends Error {}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `edit` on the file's current text under the in-process queue and the lock file, and writes
 * `current + added` when it returns text to add. Resolves with what was added (undefined: nothing).
 */
export async function appendUnderLock(
  file: string,
  edit: (current: string) => string | undefined,
  options: AppendOptions = {},
): Promise<string | undefined> {
  const target = await realTarget(file);
  const previous = queues.get(target) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(() => lockedAppend(target, edit, options));
  const tail = mine.catch(() => undefined);
  queues.set(target, tail);
  void tail.then(() => {
    if (queues.get(target) === tail) queues.delete(target);
  });
  return mine;
}

/** The file a symlinked known_hosts points to, so the rename replaces the file and keeps the link. */
async function realTarget(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fsp.realpath(absolute);
  } catch {
    return absolute;
  }
}

async function lockedAppend(
  file: string,
  edit: (current: string) => string | undefined,
  options: AppendOptions,
): Promise<string | undefined> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = await acquireLock(`${file}.lock`, options);
  try {
    let current = '';
    let stat: { mode: number; uid: number; gid: number } | undefined;
    try {
      current = (await readRegularFile(file)).toString('utf8');
      stat = await fsp.stat(file);
    } catch (error) {
      if (!(error instanceof FileReadError && error.problem === 'missing')) throw error;
    }
    const added = edit(current);
    if (added === undefined) return undefined;
    const sep = current && !current.endsWith('\n') ? '\n' : '';
    await replaceAtomically(file, current + sep + added, stat);
    return added;
  } finally {
    await release();
  }
}

async function replaceAtomically(
  file: string,
  text: string,
  stat: { mode: number; uid: number; gid: number } | undefined,
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // A new known_hosts gets what ssh gives it (0644 under the usual umask); an existing one keeps its mode.
  const mode = stat ? stat.mode & 0o777 : 0o644;
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.chmod(mode); // the umask narrowed the open's mode
    if (stat && (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()))
      await handle.chown(stat.uid, stat.gid).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPERM') throw e;
      });
    await handle.sync();
    await handle.close();
    await fsp.rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Creates `lock` exclusively, waiting (bounded, abortable) while another live writer holds it. */
async function acquireLock(lock: string, options: AppendOptions): Promise<() => Promise<void>> {
  const token = `${process.pid} ${os.hostname()} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + (options.lockWaitMs ?? 10_000);
  let pause = 5;
  for (;;) {
    if (options.signal?.aborted) throw new KnownHostsLockError(`cancelled while waiting for ${lock}`);
    try {
      const handle = await fsp.open(lock, 'wx', 0o600);
      await handle.writeFile(token);
      await handle.close();
      return async () => {
        // Only our own lock: a stale-lock breaker may have replaced it after a very long stall.
        const now = await fsp.readFile(lock, 'utf8').catch(() => '');
        if (now === token) await fsp.unlink(lock).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await breakIfStale(lock, options.staleMs ?? 30_000)) continue;
    if (Date.now() > deadline)
      throw new KnownHostsLockError(
        `${lock} is held by another process (${(await fsp.readFile(lock, 'utf8').catch(() => '?')).trim()}); not written`,
      );
    await delay(pause, options.signal);
    pause = Math.min(pause * 2, 100);
  }
}

/** Removes a lock whose owner on this host is gone, or which is older than `staleMs`. */
async function breakIfStale(lock: string, staleMs: number): Promise<boolean> {
  let content: string;
  let age: number;
  try {
    content = await fsp.readFile(lock, 'utf8');
    age = Date.now() - (await fsp.stat(lock)).mtimeMs;
  } catch {
    return true; // gone in between: try again at once
  }
  const [pid, host] = content.split(' ');
  const ownerDead = host === os.hostname() && Number(pid) > 0 && !alive(Number(pid));
  // A lock being written has no content yet for a moment; only its age can make it stale.
  if (!ownerDead && !(age > staleMs)) return false;
  // Rename, then check it is the lock we judged: another process may have broken it and taken a new one.
  const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fsp.rename(lock, aside);
  } catch {
    return true;
  }
  const taken = await fsp.readFile(aside, 'utf8').catch(() => '');
  if (taken !== content) await fsp.link(aside, lock).catch(() => undefined); // not ours to break: put it back
  await fsp.unlink(aside).catch(() => undefined);
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
