import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFileType, OPEN_FLAGS } from '../../../server/src/node/files';
import { DEFAULT_MAX_LINE_CHARS, LineAssembler } from './lines';

// Follows a local log file like `tail -n N -F`: opens at the end without reading the whole file,
// follows appends, notices truncation and rotation (ftpsync's savelog renames the log to `.0` and a
// new one appears), and reads the old file to its end before switching so no line is lost.
// Only regular files are opened: a FIFO would block the open, and with it one of libuv's four
// threads, for good (four such tails stall every async file call of the process); a device never
// ends. The open is non-blocking and checked with fstat, so a FIFO swapped in after the stat is seen,
// not waited on. A name that becomes a symlink is followed to its target, as `tail -F` does, and said.

export type TailEvent =
  | { kind: 'lines'; lines: string[] }
  | { kind: 'truncated' }
  | { kind: 'rotated' }
  | { kind: 'missing' }
  /** The tail stopped by itself: the name is no longer a regular file. */
  | { kind: 'stopped'; reason: string }
  /** The name is a symlink to `target` (absolute), or no longer one (no target). */
  | { kind: 'link'; target?: string }
  | { kind: 'error'; message: string };

export interface TailOptions {
  /** Lines shown from the end when the tail starts (`tail -n`). */
  initialLines?: number;
  /** Fallback poll for file systems without change events (NFS) and for missed events. */
  pollMs?: number;
  maxLineChars?: number;
  /** The most read in one step, so a burst of appends never needs more memory than this. */
  chunkBytes?: number;
  /** How far back to look for the start of the last lines when lines are huge. */
  maxBackscanBytes?: number;
}

export type TailState = 'idle' | 'following' | 'waiting' | 'stopped';

/** Thrown inside the engine when the name is not a regular file; turned into a `stopped` event. */
class NotRegularFile extends Error {}

export class FileTail {
  readonly file: string;
  private readonly options: Required<TailOptions>;
  private readonly assembler: LineAssembler;
  private handle?: fs.promises.FileHandle;
  private identity?: { dev: number; ino: number };
  private position = 0;
  private watcher?: fs.FSWatcher;
  private timer?: NodeJS.Timeout;
  private checking = false;
  private recheck = false;
  private current: TailState = 'idle';
  /** Where the name pointed when it was last opened (a symlink's target), to report changes once. */
  private linkTarget?: string;

  constructor(
    file: string,
    private readonly listener: (event: TailEvent) => void,
    options: TailOptions = {},
  ) {
    this.file = path.resolve(file);
    this.options = {
      initialLines: options.initialLines ?? 1000,
      pollMs: options.pollMs ?? 1000,
      maxLineChars: options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS,
      chunkBytes: options.chunkBytes ?? 1024 * 1024,
      maxBackscanBytes: options.maxBackscanBytes ?? 16 * 1024 * 1024,
    };
    this.assembler = new LineAssembler(this.options.maxLineChars);
  }

  get state(): TailState {
    return this.current;
  }

  /**
   * Shows the last lines and starts following; after `stop()` it instead continues where it stopped
   * (what was appended meanwhile), unless the file was replaced or truncated. Resolves once the lines
   * so far were delivered.
   */
  async start(): Promise<void> {
    if (this.current === 'following' || this.current === 'waiting') return;
    const resuming = this.current === 'stopped' && this.identity !== undefined;
    this.current = 'following';
    try {
      if (!resuming || !(await this.reopenAtPosition())) await this.openAtEnd();
    } catch (error) {
      if (error instanceof NotRegularFile) return this.stopBecause(error.message, false);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.current = 'waiting';
      this.listener({ kind: 'missing' });
    }
    this.watch();
  }

  /** Stops following and closes the file; the position is kept so `start()` can catch up. */
  async stop(): Promise<void> {
    this.current = 'stopped';
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.closeHandle();
  }

  /** Stops by itself and says why, so the view never shows "following" over a tail that ended. */
  private async stopBecause(reason: string, watching = true): Promise<void> {
    if (watching) await this.stop();
    else this.current = 'stopped';
    this.listener({ kind: 'stopped', reason });
  }

  /**
   * Opens the name only if it is a regular file: stat first (a FIFO is refused before any open), a
   * non-blocking open, then fstat of what was actually opened. Reports a symlink's target on change.
   */
  private async openRegular(): Promise<{ handle: fs.promises.FileHandle; st: fs.Stats }> {
    const name = path.basename(this.file);
    const before = await fs.promises.stat(this.file);
    const now = this.identity ? 'now ' : '';
    if (!before.isFile()) throw new NotRegularFile(`${name} is ${now}${describeFileType(before)}, not a regular file`);
    const handle = await fs.promises.open(this.file, OPEN_FLAGS);
    const st = await handle.stat().catch(async (error: unknown) => {
      await handle.close().catch(() => undefined);
      throw error;
    });
    if (!st.isFile()) {
      await handle.close().catch(() => undefined);
      throw new NotRegularFile(`${name} is ${now}${describeFileType(st)}, not a regular file`);
    }
    await this.noteLinkTarget();
    return { handle, st };
  }

  private async noteLinkTarget(): Promise<void> {
    const link = await fs.promises.lstat(this.file).catch(() => undefined);
    const target = link?.isSymbolicLink() ? await fs.promises.realpath(this.file).catch(() => undefined) : undefined;
    if (target === this.linkTarget) return;
    this.linkTarget = target;
    this.listener(target ? { kind: 'link', target } : { kind: 'link' });
  }

  /** Reopens the same file at the stopped position; false when it was rotated away or truncated meanwhile. */
  private async reopenAtPosition(): Promise<boolean> {
    let opened: { handle: fs.promises.FileHandle; st: fs.Stats };
    try {
      opened = await this.openRegular();
    } catch (error) {
      if (error instanceof NotRegularFile) throw error;
      return false;
    }
    const { handle, st } = opened;
    if (st.dev !== this.identity?.dev || st.ino !== this.identity?.ino || st.size < this.position) {
      await handle.close();
      return false;
    }
    this.handle = handle;
    await this.readTo(st.size);
    return true;
  }

  /** Checks the file now (tests and the "refresh" action); otherwise events and the poll do it. */
  poke(): Promise<void> {
    return this.check();
  }

  private async openAtEnd(): Promise<void> {
    const { handle, st } = await this.openRegular();
    this.handle = handle;
    this.identity = { dev: st.dev, ino: st.ino };
    this.position = await this.startOfLastLines(handle, st.size);
    this.assembler.reset();
    await this.readTo(st.size);
  }

  /** Scans backwards in chunks for the start of the last N lines; never reads more than maxBackscanBytes. */
  private async startOfLastLines(handle: fs.promises.FileHandle, size: number): Promise<number> {
    const wanted = this.options.initialLines;
    if (wanted <= 0 || size === 0) return size;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const floor = Math.max(0, size - this.options.maxBackscanBytes);
    let end = size;
    let newlines = 0;
    // A final newline ends the last line; it does not start another one.
    let skipLast = true;
    while (end > floor) {
      const start = Math.max(floor, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      for (let i = bytesRead - 1; i >= 0; i--) {
        if (chunk[i] !== 10) {
          skipLast = false;
          continue;
        }
        if (skipLast) {
          skipLast = false;
          continue;
        }
        if (++newlines === wanted) return start + i + 1;
      }
      end = start;
    }
    if (floor === 0) return 0;
    // Lines longer than the back-scan: start at a line boundary inside the window if there is one.
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - floor), floor);
    const nl = chunk.subarray(0, bytesRead).indexOf(10);
    return nl >= 0 ? floor + nl + 1 : floor;
  }

  private watch(): void {
    if (this.current === 'stopped') return;
    try {
      // Watching the directory sees appends, truncation, and the rename + create of a rotation.
      const base = path.basename(this.file);
      this.watcher = fs.watch(path.dirname(this.file), { persistent: false }, (_event, name) => {
        if (!name || name.toString() === base) void this.check();
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // No change events here (e.g. the directory is gone): the poll below still works.
    }
    this.timer = setInterval(() => void this.check(), this.options.pollMs);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    if (this.current === 'stopped' || this.current === 'idle') return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.recheck = false;
        await this.checkOnce();
      } while (this.recheck && this.state !== 'stopped');
    } catch (error) {
      if (error instanceof NotRegularFile) await this.stopBecause(error.message);
      else this.listener({ kind: 'error', message: (error as Error).message });
    } finally {
      this.checking = false;
    }
  }

  private async checkOnce(): Promise<void> {
    let st: fs.Stats | undefined;
    try {
      st = await fs.promises.stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (this.handle && (!st || st.ino !== this.identity?.ino || st.dev !== this.identity?.dev)) {
      // Renamed away (rotation) or deleted: finish the old file first, then switch.
      const old = await this.handle.stat();
      await this.readTo(old.size);
      const last = this.assembler.flush();
      if (last !== undefined) this.listener({ kind: 'lines', lines: [last] });
      await this.closeHandle();
      if (st && !st.isFile())
        throw new NotRegularFile(`${path.basename(this.file)} is now ${describeFileType(st)}, not a regular file`);
      this.listener({ kind: st ? 'rotated' : 'missing' });
      if (!st) this.current = 'waiting';
    }
    if (!st) {
      if (this.current !== 'waiting') {
        this.current = 'waiting';
        this.listener({ kind: 'missing' });
      }
      return;
    }
    if (!this.handle) {
      // A new file after rotation, or the first appearance: read it from its start.
      const { handle, st: fresh } = await this.openRegular();
      this.handle = handle;
      this.identity = { dev: fresh.dev, ino: fresh.ino };
      this.position = 0;
      this.assembler.reset();
      this.current = 'following';
    }
    const size = (await this.handle.stat()).size;
    if (size < this.position) {
      this.assembler.reset();
      this.position = 0;
      this.listener({ kind: 'truncated' });
    }
    await this.readTo(size);
  }

  /** Reads from the current position to `size` in bounded chunks, delivering complete lines as they come. */
  private async readTo(size: number): Promise<void> {
    if (!this.handle) return;
    const buffer = Buffer.allocUnsafe(Math.min(this.options.chunkBytes, Math.max(1, size - this.position)));
    while (this.position < size && this.handle) {
      const { bytesRead } = await this.handle.read(
        buffer,
        0,
        Math.min(buffer.length, size - this.position),
        this.position,
      );
      if (bytesRead === 0) break;
      this.position += bytesRead;
      const lines = this.assembler.push(buffer.subarray(0, bytesRead));
      if (lines.length) this.listener({ kind: 'lines', lines });
    }
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
