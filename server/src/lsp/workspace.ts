import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../core/catalogue';
import type { HostAccess, WorkspaceDocument } from '../core/types';

const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache']);
const MAX_FILES = 20000;
const MAX_DEPTH = 8;

/**
 * Files of our languages under the workspace folders, for cross-file rules (a secrets file and the
 * rsyncd.conf that names it). Scanned once, lazily, and again after `invalidate`.
 */
export class WorkspaceIndex {
  private files: string[] | undefined;

  constructor(private readonly roots: () => readonly string[]) {}

  invalidate(): void {
    this.files = undefined;
  }

  /** Documents on disk, with open documents' text taking precedence. */
  documents(host: HostAccess, open: ReadonlyMap<string, WorkspaceDocument>): WorkspaceDocument[] {
    const result = new Map<string, WorkspaceDocument>();
    for (const file of this.list()) {
      const languageId = languageForPath(file);
      const text = languageId ? host.readText(file) : undefined;
      if (languageId && text !== undefined)
        result.set(file, { uri: `file://${encodeURI(file)}`, path: file, languageId, text });
    }
    for (const doc of open.values()) result.set(doc.path ?? doc.uri, doc);
    return [...result.values()];
  }

  private list(): string[] {
    if (this.files) return this.files;
    const found: string[] = [];
    let visited = 0;
    const walk = (dir: string, depth: number) => {
      if (depth > MAX_DEPTH || visited > MAX_FILES) return;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (++visited > MAX_FILES) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP.has(entry.name)) walk(full, depth + 1);
        } else if (entry.isFile() && languageForPath(full)) {
          found.push(full);
        }
      }
    };
    for (const root of this.roots()) walk(root, 0);
    this.files = found;
    return found;
  }
}
