import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageForPath } from '../core/catalogue';
import type { HostAccess, LanguageId, WorkspaceDocument } from '../core/types';
import { isWorkspaceLanguage, WORKSPACE_LIMITS } from '../core/workspace-languages';

/** Never configs, and often huge: version control, dependencies, build output, a mirror's archive. */
const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', 'pool', 'dists']);

const WALK_LIMITS = {
  files: WORKSPACE_LIMITS.files,
  entries: WORKSPACE_LIMITS.entries,
  depth: WORKSPACE_LIMITS.depth,
  timeMs: WORKSPACE_LIMITS.walkSeconds * 1000,
};
export type WalkLimits = typeof WALK_LIMITS;

export interface MirrorFile {
  path: string;
  uri: string;
  languageId: LanguageId;
  /** The workspace folder it was found in. */
  root: string;
}

export interface WalkResult {
  files: MirrorFile[];
  /** Why the walk stopped early, for the log. */
  truncated?: string;
}

/**
 * The mirror files (workspace-languages.ts) under the roots. Reads directories asynchronously, a
 * batch of entries at a time, so the server keeps answering; never follows a symbolic link to a
 * directory (no loops, nothing outside the folders), but lists a symbolic link to a file, which the
 * reader then opens only if it is a regular file.
 */
export async function findMirrorFiles(
  roots: readonly string[],
  cancelled: () => boolean = () => false,
  limits: WalkLimits = WALK_LIMITS,
): Promise<WalkResult> {
  const files: MirrorFile[] = [];
  const deadline = Date.now() + limits.timeMs;
  let entries = 0;
  let truncated: string | undefined;
  for (const root of roots) {
    const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
    while (stack.length && !truncated) {
      if (cancelled()) return { files };
      const { dir, depth } = stack.pop()!;
      let handle: fs.Dir;
      try {
        handle = await fs.promises.opendir(dir, { bufferSize: 256 });
      } catch {
        continue;
      }
      try {
        // Leaving the loop, by break or error, closes the directory.
        for await (const entry of handle) {
          if (++entries > limits.entries) truncated = `looked at ${limits.entries} files and folders`;
          else if (files.length >= limits.files) truncated = `found ${limits.files} mirror files`;
          else if (Date.now() > deadline) truncated = `spent ${limits.timeMs / 1000} s`;
          if (truncated) break;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            if (depth < limits.depth && !SKIP.has(entry.name)) stack.push({ dir: full, depth: depth + 1 });
          } else if (entry.isFile() || entry.isSymbolicLink()) {
            const languageId = languageForPath(full);
            if (isWorkspaceLanguage(languageId))
              files.push({ path: full, uri: pathToFileURL(full).href, languageId, root });
          }
        }
      } catch {
        // A directory that vanished or became unreadable while being read: what was read counts.
      }
    }
  }
  return truncated ? { files, truncated } : { files };
}

/**
 * The mirror files of the workspace folders, for cross-file rules (a secrets file and the rsyncd.conf
 * that names it) and the background check. Walked once, when first needed, and again after
 * `invalidate`. A file's text is read only when a rule asks for it (through the host's cache), so
 * thousands of files cost their paths, not their contents.
 */
export class WorkspaceIndex {
  private files: readonly MirrorFile[] | undefined;
  private onDisk: { docs: WorkspaceDocument[]; paths: Set<string> } | undefined;
  private walking: Promise<void> | undefined;
  private generation = 0;

  constructor(
    private readonly roots: () => readonly string[],
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  invalidate(): void {
    this.generation++;
    this.files = undefined;
    this.onDisk = undefined;
    this.walking = undefined;
  }

  /** The mirror files, once the walk in progress (or a new one) has finished. */
  async ready(): Promise<readonly MirrorFile[]> {
    while (!this.files) await (this.walking ??= this.walk());
    return this.files;
  }

  /**
   * Documents on disk (as of the last finished walk), with open documents' text taking their place.
   * `open` is keyed by path (or URI for documents not on disk).
   */
  documents(host: HostAccess, open: ReadonlyMap<string, WorkspaceDocument>): WorkspaceDocument[] {
    const onDisk = this.diskDocuments(host);
    const result = onDisk.docs.map((d) => open.get(d.path!) ?? d);
    for (const [key, doc] of open) if (!onDisk.paths.has(key)) result.push(doc);
    return result;
  }

  private diskDocuments(host: HostAccess): { docs: WorkspaceDocument[]; paths: Set<string> } {
    if (this.onDisk) return this.onDisk;
    const docs = (this.files ?? []).map((f): WorkspaceDocument => {
      const file = f.path;
      // An unreadable file reads as empty, as if it had no lines.
      return {
        uri: f.uri,
        path: file,
        languageId: f.languageId,
        get text() {
          return host.readText(file) ?? '';
        },
      };
    });
    const result = { docs, paths: new Set(docs.map((d) => d.path!)) };
    if (this.files) this.onDisk = result;
    return result;
  }

  private async walk(): Promise<void> {
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    const { files, truncated } = await findMirrorFiles(this.roots(), stale).catch((error: unknown) => {
      this.log(`workspace: looking for mirror files failed: ${String(error)}`);
      return { files: [], truncated: undefined };
    });
    if (stale()) return;
    if (truncated)
      this.log(
        `workspace: stopped looking for mirror files after ${truncated}; ${files.length} found, others are checked when opened`,
      );
    this.files = files;
  }
}
