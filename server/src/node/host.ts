import * as fs from 'node:fs';
import * as os from 'node:os';
import type { FileFacts, HostAccess } from '../core/types';

/**
 * The machine the server runs on, as the rules see it. Answers are cached so that validating
 * on every keystroke never touches the disk again; `invalidate` drops the cache when the client
 * reports a file change or a document is opened or saved.
 */
export class CachedHost implements HostAccess {
  private readonly stats = new Map<string, FileFacts | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly boms = new Map<string, boolean>();
  readonly homeDir = os.homedir();
  readonly uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  /** Number of real file system calls, for tests and benchmarks. */
  reads = 0;

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
        // Config files are small; refuse to pull a huge file into memory by mistake.
        const st = fs.statSync(path);
        this.texts.set(path, st.isFile() && st.size <= 8 * 1024 * 1024 ? fs.readFileSync(path, 'utf8') : undefined);
      } catch {
        this.texts.set(path, undefined);
      }
    }
    return this.texts.get(path);
  }

  /** Whether the file on disk starts with a UTF-8 byte order mark (which editors keep out of the text). */
  hasUtf8Bom(path: string): boolean {
    let bom = this.boms.get(path);
    if (bom === undefined) {
      this.reads++;
      bom = false;
      try {
        const fd = fs.openSync(path, 'r');
        try {
          const head = Buffer.alloc(3);
          bom = fs.readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        // Unreadable or missing: no mark to report.
      }
      this.boms.set(path, bom);
    }
    return bom;
  }

  invalidate(): void {
    this.boms.clear();
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
      };
    } catch {
      return { exists: false, isDirectory: false };
    }
  }
}
