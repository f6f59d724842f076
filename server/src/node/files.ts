import * as fs from 'node:fs';

// Reading a file someone named: a config, a key, a log. Only regular files are read. A FIFO would
// block the open (and a libuv worker) forever, a device such as /dev/zero never ends, and a huge
// file would take the process down; each of these gets a clear error instead. The open is
// non-blocking so a FIFO is seen by fstat, never waited on.

/** Largest file any of our readers takes by default: configs, key files and lists are far smaller. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

export type FileReadProblem = 'missing' | 'directory' | 'not-regular' | 'too-large' | 'unreadable';

export class FileReadError extends Error {
  constructor(
    readonly path: string,
    readonly problem: FileReadProblem,
    message: string,
    readonly errno?: string,
  ) {
    super(message);
    this.name = 'FileReadError';
  }
}

export interface ReadOptions {
  /** Refuse files larger than this (default 16 MiB). */
  maxBytes?: number;
}

/** What a file that is not a regular one is, for messages: `a FIFO (named pipe)`, `a directory`… */
export function describeFileType(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function refuse(path: string, st: fs.Stats, maxBytes: number): FileReadError | undefined {
  if (st.isDirectory()) return new FileReadError(path, 'directory', `${path} is a directory`);
  if (!st.isFile())
    return new FileReadError(
      path,
      'not-regular',
      `${path} is ${describeFileType(st)}, not a regular file; it was not read`,
    );
  if (st.size > maxBytes)
    return new FileReadError(
      path,
      'too-large',
      `${path} is ${formatBytes(st.size)}, more than the ${formatBytes(maxBytes)} read at most; it was not read`,
    );
  return undefined;
}

function openError(path: string, error: unknown): FileReadError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileReadError(path, 'missing', `${path} does not exist`, code);
  if (code === 'EISDIR') return new FileReadError(path, 'directory', `${path} is a directory`, code);
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error));
  return new FileReadError(path, 'unreadable', `${path} cannot be read (${reason})`, code);
}

/** Reads a regular file of at most `maxBytes`; throws a FileReadError with a clear message otherwise. */
export function readRegularFileSync(path: string, options: ReadOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const st = fs.fstatSync(fd);
    const refused = refuse(path, st, maxBytes);
    if (refused) throw refused;
    // The file may grow between fstat and read: read at most maxBytes + 1 and refuse if more came.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 64 * 1024), maxBytes + 1 - total));
      if (chunk.length === 0) break;
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) throw refuse(path, { ...st, size: total, isFile: () => true } as fs.Stats, maxBytes)!;
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw error instanceof FileReadError ? error : openError(path, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** The async form of readRegularFileSync, for code that must not block its event loop. */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, OPEN_FLAGS);
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const st = await handle.stat();
    const refused = refuse(path, st, maxBytes);
    if (refused) throw refused;
    const buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    while (total < buffer.length) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw refuse(path, { ...st, size: total, isFile: () => true } as fs.Stats, maxBytes)!;
    return buffer.subarray(0, total);
  } catch (error) {
    throw error instanceof FileReadError ? error : openError(path, error);
  } finally {
    await handle.close();
  }
}

/** The first `count` bytes of a regular file, or undefined when it is not one or cannot be read. */
export function readHeadSync(path: string, count: number): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const head = Buffer.alloc(count);
    return head.subarray(0, fs.readSync(fd, head, 0, count, 0));
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GiB`;
}
