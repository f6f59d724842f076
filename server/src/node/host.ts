import * as fs from 'node:fs';
import * as os from 'node:os';
import type { FileFacts, HostAccess } from '../core/types';
import { describeFileType, FileReadError, readHeadSync, readRegularFileSync } from './files';

/**
 * The machine the server runs on, as the rules see it. Answers are cached so that validating
 * on every keystroke never touches the disk again; `invalidate` drops the cache when the client
 * reports a file change or a document is opened or saved.
 */
export class CachedHost implements HostAccess {
  private readonly stats = new Map<string, FileFacts | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly refusals = new Map<string, string>();
  private readonly boms = new Map<string, boolean>();
  readonly homeDir = os.homedir();
  readonly uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  /** Number of real file system calls, for tests and benchmarks. */
  reads = 0;
  /** Changes whenever answers may change (`invalidate`): what a check kept from before holds only while it stays. */
  generation = 0;

  /** `onRefused` hears, once per file until `invalidate`, why a file was not read (a FIFO, too large). */
  constructor(private readonly onRefused?: (message: string) => void) {}

  stat(path: string): FileFacts | undefined {
    if (!this.stats.has(path)) this.stats.set(path, this.readStat(path));
    return this.stats.get(path);
  }

  readDir(path: string): string[] | undefined {
    if (!this.dirs.has(path)) {
      this.reads++;
      try {
        this.dirs.set(path, fs.readdirSync(path).sort());
      } catch {
        this.dirs.set(path, undefined);
      }
    }
    return this.dirs.get(path);
  }

  readText(path: string): string | undefined {
    if (!this.texts.has(path)) {
      this.reads++;
      try {
        // Only regular files, never more than the cap: a FIFO named as a secrets or include file must
        // not block the server, and /dev/zero must not fill its memory.
        this.texts.set(path, readRegularFileSync(path).toString('utf8'));
      } catch (error) {
        this.texts.set(path, undefined);
        if (error instanceof FileReadError && (error.problem === 'not-regular' || error.problem === 'too-large')) {
          this.refusals.set(path, error.message);
          this.onRefused?.(error.message);
        }
      }
    }
    return this.texts.get(path);
  }

  whyUnread(path: string): string | undefined {
    return this.refusals.get(path);
  }

  /** Whether the file on disk starts with a UTF-8 byte order mark (which editors keep out of the text). */
  hasUtf8Bom(path: string): boolean {
    let bom = this.boms.get(path);
    if (bom === undefined) {
      this.reads++;
      // readHeadSync opens without blocking and reads regular files only (a FIFO has no mark to report).
      const head = readHeadSync(path, 3);
      bom = head?.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      this.boms.set(path, bom);
    }
    return bom;
  }

  invalidate(): void {
    this.generation++;
    this.boms.clear();
    this.refusals.clear();
    this.stats.clear();
    this.dirs.clear();
    this.texts.clear();
  }

  private readStat(path: string): FileFacts {
    this.reads++;
    try {
      const link = fs.lstatSync(path);
      const st = link.isSymbolicLink() ? fs.statSync(path) : link;
      let readable = true;
      try {
        fs.accessSync(path, fs.constants.R_OK);
      } catch {
        readable = false;
      }
      return {
        exists: true,
        isDirectory: st.isDirectory(),
        mode: st.mode & 0o7777,
        uid: st.uid,
        isSymbolicLink: link.isSymbolicLink(),
        readable,
        ...(st.isFile() || st.isDirectory() ? {} : { special: describeFileType(st) }),
      };
    } catch {
      return { exists: false, isDirectory: false };
    }
  }
}
