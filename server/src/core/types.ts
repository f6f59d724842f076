// The pure core's vocabulary. Everything here is plain data measured in UTF-16 offsets into the
// document text, so the core needs no LSP package; server/src/lsp/ turns it into protocol objects.

import type { LanguageId } from './languages';

export type { LanguageId } from './languages';
export type { RuleLevel } from './settings';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

/** A quick fix the rule already knows while it reports the problem. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user would pick without reading the others. */
  preferred?: boolean;
  /** A command the client runs instead of (or after) the edits, e.g. to chmod a file. */
  command?: { id: string; title: string; arguments: unknown[] };
}

export interface Problem extends Span {
  code: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
  /** Rendered faded by editors: text that has no effect. */
  unnecessary?: boolean;
  deprecated?: boolean;
}

export interface RuleMeta {
  /** Stable code `<language>/<name>`, never reused or renamed once released. */
  code: string;
  language: LanguageId;
  severity: Severity;
  /** One line, used in the rule reference and hover of a diagnostic's code. */
  summary: string;
  /** Markdown: what the real program does and what to write instead. */
  docs: string;
}

/** Facts about files on the machine the checks run on; injected so the rules stay pure. */
export interface FileFacts {
  exists: boolean;
  isDirectory: boolean;
  /** Permission bits (mode & 0o7777); undefined when unknown. */
  mode?: number;
  uid?: number;
  isSymbolicLink?: boolean;
  readable?: boolean;
  /** Set for what is neither a regular file nor a directory: `a FIFO (named pipe)`, `a character device`. */
  special?: string;
}

export interface HostAccess {
  /** Resolve a path the way the real program would (home, working directory). */
  stat(path: string): FileFacts | undefined;
  /** Entries of a directory (names only) or undefined when it cannot be read. */
  readDir(path: string): string[] | undefined;
  /** Text of a file, or undefined when it cannot be read. Only regular files are read, up to a size cap. */
  readText(path: string): string | undefined;
  /** Why `readText` gave nothing for a file that exists (not a regular file, too large), when known. */
  whyUnread?(path: string): string | undefined;
  homeDir: string;
  /** Effective uid the checks assume for the daemon (0 on a typical rsyncd host). */
  uid: number;
}

/** Another open or indexed document, for cross-file rules. */
export interface WorkspaceDocument {
  uri: string;
  /** Absolute file system path when the document lives on disk. */
  path?: string;
  languageId: LanguageId;
  text: string;
}

export interface CheckContext {
  /** Absolute path of the checked document when known (for relative paths and cross-file rules). */
  path?: string;
  /** Only set when file system checks are enabled. */
  host?: HostAccess;
  /** Other documents of interest (e.g. rsyncd.conf files that point at this secrets file). */
  workspace?: readonly WorkspaceDocument[];
  /** Current time in ms, injected for expiry checks and tests. */
  now?: number;
}
