import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';

// Writes that never leave a half-written key or secrets file behind: the bytes go to a temp file in
// the same directory (same file system, so the final step is atomic), opened O_EXCL with the final
// mode and fsynced, then moved into place. Nothing here logs file contents.

export class FileExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly file: string) {
    super(`${file} already exists; it was left untouched`);
  }
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Creates a temp file beside `file` holding `data` with exactly `mode`, synced to disk. */
async function writeTemp(
  file: string,
  data: string | Uint8Array,
  mode: number,
  owner?: { uid: number; gid: number },
): Promise<string> {
  const temp = tempName(file);
  // 'wx' = O_CREAT|O_EXCL: never follows or reuses a file someone planted under the temp name.
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    // The umask may have cleared bits of `mode` (e.g. 0644 under umask 077); set it exactly.
    await handle.chmod(mode);
    if (owner) await handle.chown(owner.uid, owner.gid);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the new directory entry durable; some file systems refuse fsync on a directory: best effort.
  const handle = await fsp.open(dir, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

/**
 * Writes a new file atomically and never replaces an existing one (not even one created while we
 * wrote): the temp file is hard-linked to the final name, which fails with EEXIST if the name is
 * taken, then the temp name is removed. Where hard links are not supported (some FUSE or FAT
 * mounts) it falls back to check-then-rename; the race it accepts is a file appearing at the
 * final name between the check and the rename (microseconds, in a directory the user owns).
 * Throws FileExistsError when the name is taken.
 */
export async function writeNewFile(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  if (await exists(file)) throw new FileExistsError(file);
  const temp = await writeTemp(file, data, mode);
  try {
    try {
      await fsp.link(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError(file);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (await exists(file)) throw new FileExistsError(file);
      await fsp.rename(temp, file);
    }
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
  await syncDir(path.dirname(file));
}

export interface ReplaceOptions {
  /** Mode for a file that does not exist yet (an existing file keeps its mode, unless `restrictMode`). */
  createMode: number;
  /** Permission bits to clear on an existing file: the rewritten file never has them, not even briefly. */
  restrictMode?: number;
  /** Called with the current content (undefined when missing); returns the new content. */
  update(current: Buffer | undefined): string | Uint8Array;
}

/**
 * Read-modify-write of a file, atomically (temp file + rename over it). An existing file keeps its
 * mode and owner; a symlink is resolved and its target rewritten (rename would replace the link
 * itself). Before the rename the file is checked to be unchanged since it was read (size, mtime,
 * inode); the race accepted is a writer slipping in between that check and the rename.
 */
export async function replaceFile(
  file: string,
  options: ReplaceOptions,
): Promise<{ created: boolean; mode: number; previousMode?: number }> {
  const target = await fsp.realpath(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return path.resolve(file);
    throw error;
  });
  const before = await fsp.stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (before && !before.isFile()) throw new Error(`${file} is not a regular file`);
  // Non-blocking open + fstat: a FIFO swapped in after the stat is refused, not waited on.
  const current = before ? await readRegularFile(target) : undefined;
  const data = options.update(current);
  const mode = before ? before.mode & 0o7777 & ~(options.restrictMode ?? 0) : options.createMode;
  const uid = process.getuid?.();
  let owner: { uid: number; gid: number } | undefined;
  if (before && uid !== undefined && (before.uid !== uid || before.gid !== process.getgid?.())) {
    // Renaming our temp file over it would hand the file to us; rsync (running as root) then refuses it.
    if (uid !== 0 && before.uid !== uid)
      throw new Error(`${file} belongs to uid ${before.uid}; rewriting it as uid ${uid} would change its owner`);
    owner = { uid: before.uid, gid: before.gid };
  }
  const temp = await writeTemp(target, data, mode, owner);
  try {
    const now = await fsp.stat(target).catch(() => undefined);
    const changed = before
      ? !now || now.ino !== before.ino || now.size !== before.size || now.mtimeMs !== before.mtimeMs
      : now !== undefined;
    if (changed) throw new Error(`${file} changed while it was being updated; nothing was written`);
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(path.dirname(target));
  return { created: !before, mode, ...(before ? { previousMode: before.mode & 0o7777 } : {}) };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export class SymlinkRefusedError extends Error {}

/**
 * chmod that refuses symlinks and anything but a regular file. The file is opened with O_NOFOLLOW
 * and changed through that descriptor, so a link swapped in after the check cannot redirect it.
 * Returns the mode before and after.
 */
export async function setFileMode(file: string, mode: number): Promise<{ before: number; after: number }> {
  const info = await fsp.lstat(file);
  if (info.isSymbolicLink())
    throw new SymlinkRefusedError(`${file} is a symbolic link; set the mode on the file it points to instead`);
  if (!info.isFile()) throw new Error(`${file} is not a regular file`);
  // O_NONBLOCK: a FIFO swapped in after the lstat must not hang the open.
  const handle = await fsp.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino)
      throw new Error(`${file} changed while its mode was being set; nothing was changed`);
    await handle.chmod(mode);
    return { before: opened.mode & 0o7777, after: mode };
  } finally {
    await handle.close();
  }
}

/** The permission bits of a file (lstat: a symlink reports itself). */
export async function fileMode(file: string): Promise<{ mode: number; symlink: boolean } | undefined> {
  const info = await fsp.lstat(file).catch(() => undefined);
  return info ? { mode: info.mode & 0o7777, symlink: info.isSymbolicLink() } : undefined;
}

export function formatMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}
