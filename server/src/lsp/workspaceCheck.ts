import { sep } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { WORKSPACE_LIMITS } from '../core/workspace-languages';
import { FileReadError, readRegularFile } from '../node/files';
import type { MirrorFile, WorkspaceIndex } from './workspace';

// The whole-workspace Problems view: the mirror files of the workspace folders that are not open get
// the diagnostics they would get if opened, published (push, like the open documents' ones: every
// editor shows them, and the client's middleware links their codes as it does for the others) and
// kept up to date. An open document's own diagnostics win: a file is skipped while open, and when it
// is closed its file on disk is checked again (vscode-languageclient keeps pushed diagnostics after a
// close; the server replaces them). Files whose diagnostics were published and that are gone, moved
// out of the folders or of a folder where the check was turned off, get theirs cleared.
//
// Bounded: the index lists at most WORKSPACE_LIMITS.files files; a run stops after checkSeconds;
// files are read one at a time and their text dropped once checked; between two files the run yields
// to the event loop, so typing in an open document waits for at most one file's check. What is kept
// per file is a hash of what was published, so an unchanged result is not sent again.

/** Bursts of file events (a checkout, a save) settle into one run. */
const RECHECK_DELAY_MS = 300;

export interface WorkspaceCheckDeps {
  index: WorkspaceIndex;
  roots(): readonly string[];
  /** Whether the check is on for the files of this workspace folder (its settings, trust). */
  enabled(root: string): Promise<boolean>;
  /** Whether the file is open in the editor, its diagnostics then coming from the open document. */
  isOpen(path: string): boolean;
  /** The diagnostics of a file as if it were opened with this text. */
  check(file: MirrorFile, text: string): Promise<Diagnostic[]>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** What the person should know (a file not read, a run cut short). */
  log(message: string): void;
  /** Each run's figures, for whoever turns the log level down to debug (and for tests). */
  debug(message: string): void;
}

export interface RunSummary {
  /** Files checked (read and validated); open ones and those of disabled folders are not counted. */
  checked: number;
  listed: number;
  /** Why the run stopped before the end, if it did. */
  stopped?: 'cancelled' | 'time';
}

export class WorkspaceCheck {
  /** Published diagnostics (non-empty) of closed files, by path: a hash of what the client shows. */
  private readonly shown = new Map<string, { uri: string; hash: number }>();
  private readonly unreadable = new Set<string>();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: WorkspaceCheckDeps,
    private readonly budgetMs = WORKSPACE_LIMITS.checkSeconds * 1000,
  ) {}

  /** Checks every file again once events have settled; a run in progress is abandoned. */
  schedule(delayMs = RECHECK_DELAY_MS): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.checkAll(), delayMs);
  }

  /** Checks every file now; a run in progress or scheduled is abandoned. */
  checkAll(): Promise<RunSummary> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    return this.run();
  }

  /** After file events: deleted files lose their diagnostics at once; the next run sees what else changed. */
  filesChanged(deleted: readonly string[]): void {
    for (const file of deleted) this.clear(file);
    this.schedule();
  }

  /** An opened document publishes its own diagnostics from now on. */
  opened(path: string): void {
    this.shown.delete(path);
  }

  /** A closed document's file is checked from disk again; a file the check does not cover is cleared. */
  async closed(path: string, uri: string): Promise<void> {
    const root = this.deps.roots().find((r) => path.startsWith(r.endsWith(sep) ? r : r + sep));
    const enabled = root !== undefined && (await this.deps.enabled(root));
    const file = enabled ? (await this.deps.index.ready()).find((f) => f.path === path) : undefined;
    if (!file) {
      if (!this.deps.isOpen(path)) this.deps.publish(uri, []);
      return;
    }
    const diagnostics = await this.diagnosticsOf(file);
    if (this.deps.isOpen(path)) return;
    // Always sent: the client still shows what the open document had.
    this.shown.delete(path);
    this.show(file, diagnostics ?? []);
    if (!this.shown.has(path)) this.deps.publish(file.uri, []);
  }

  private async run(): Promise<RunSummary> {
    const generation = this.generation;
    const stale = () => generation !== this.generation;
    const started = Date.now();
    const enabled = new Set<string>();
    for (const root of this.deps.roots()) if (await this.deps.enabled(root)) enabled.add(root);
    // Nothing is walked for folders where the check is off (an untrusted workspace).
    const files = enabled.size ? await this.deps.index.ready() : [];
    const summary: RunSummary = { checked: 0, listed: files.length };
    if (stale()) return { ...summary, stopped: 'cancelled' };
    const covered = new Set<string>();
    for (const file of files) {
      if (stale()) return { ...summary, stopped: 'cancelled' };
      if (!enabled.has(file.root)) continue;
      covered.add(file.path);
      if (summary.stopped) continue; // out of time: what the client shows for the rest stays
      if (Date.now() - started > this.budgetMs) {
        summary.stopped = 'time';
        continue;
      }
      if (this.deps.isOpen(file.path)) continue;
      const diagnostics = await this.diagnosticsOf(file);
      if (stale()) return { ...summary, stopped: 'cancelled' };
      if (diagnostics) summary.checked++;
      if (diagnostics && !this.deps.isOpen(file.path)) this.show(file, diagnostics);
      // Let the editor's messages (typing, hovers) in between two files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const file of [...this.shown.keys()]) if (!covered.has(file)) this.clear(file);
    if (summary.stopped === 'time')
      this.deps.log(
        `workspace check: stopped after ${summary.checked} of ${files.length} files (${this.budgetMs / 1000} s); the others are checked when opened`,
      );
    this.deps.debug(
      `workspace check: ${summary.checked} of ${files.length} files checked in ${Date.now() - started} ms, ${this.shown.size} with problems`,
    );
    return summary;
  }

  /** The diagnostics of the file as it is on disk; undefined when it cannot be read (then cleared). */
  private async diagnosticsOf(file: MirrorFile): Promise<Diagnostic[] | undefined> {
    let text: string;
    try {
      text = (await readRegularFile(file.path, { maxBytes: WORKSPACE_LIMITS.fileBytes })).toString('utf8');
      this.unreadable.delete(file.path);
    } catch (error) {
      // Logged once until it can be read again: a FIFO, a file over the size cap, no permission.
      if (error instanceof FileReadError && error.problem !== 'missing' && !this.unreadable.has(file.path)) {
        this.unreadable.add(file.path);
        this.deps.log(`workspace check: ${error.message}`);
      }
      this.clear(file.path);
      return undefined;
    }
    // The editor hides a byte order mark from the document; the check finds it on disk as it does for an open one.
    return this.deps.check(file, text.startsWith('\uFEFF') ? text.slice(1) : text);
  }

  private show(file: MirrorFile, diagnostics: Diagnostic[]): void {
    if (!diagnostics.length) {
      this.clear(file.path);
      return;
    }
    const hash = hashOf(JSON.stringify(diagnostics));
    if (this.shown.get(file.path)?.hash === hash) return;
    this.shown.set(file.path, { uri: file.uri, hash });
    this.deps.publish(file.uri, diagnostics);
  }

  private clear(path: string): void {
    const shown = this.shown.get(path);
    if (!shown) return;
    this.shown.delete(path);
    if (!this.deps.isOpen(path)) this.deps.publish(shown.uri, []);
  }
}

/** FNV-1a over the published JSON: 32 bits, so a changed result is taken for the same one time in four billion. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
