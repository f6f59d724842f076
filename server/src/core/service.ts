import type { CheckContext, LanguageId, Problem, RuleLevel, RuleMeta, Span, TextEdit } from './types';

// The per-language feature set, as pure functions of the text. server/src/lsp/ adapts each to LSP;
// the CLI uses `validate` only. A language leaves out what it does not offer.

export interface HoverInfo extends Span {
  /** Markdown. Never contains a secret (passwords, private keys). */
  markdown: string;
}

export type CompletionKind = 'keyword' | 'property' | 'value' | 'snippet' | 'module' | 'file' | 'enum';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Replaces `range` (defaults to the word at the cursor) with this text. */
  insertText?: string;
  /** `insertText` uses snippet syntax ($1, ${1:default}). */
  snippet?: boolean;
  range?: Span;
  sortText?: string;
  filterText?: string;
}

export type SymbolKind = 'module' | 'namespace' | 'property' | 'key' | 'object' | 'event' | 'constant' | 'file';

export interface DocumentSymbolInfo extends Span {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The part to highlight when the symbol is picked (its name); defaults to the whole span. */
  selection?: Span;
  children?: DocumentSymbolInfo[];
}

export interface FoldingInfo {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface LinkInfo extends Span {
  /** Absolute file system path. */
  target: string;
  tooltip?: string;
}

export interface LocationInfo {
  /** Absolute file system path or URI of the target document. */
  target: string;
  start: number;
  end: number;
  /** Set when the target's offsets refer to a document given in `CheckContext.workspace`. */
  uri?: string;
}

/** A code action that is not tied to one diagnostic (refactorings, source actions). */
export interface ActionInfo {
  title: string;
  kind: 'quickfix' | 'refactor' | 'source';
  edits: TextEdit[];
}

/** A command shown above a line; the client gets the document's URI first, then `arguments`. */
export interface CodeLensInfo extends Span {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface ValidateOptions {
  levels?: Readonly<Record<string, RuleLevel>>;
  /**
   * Lets a service start from its last validation of the same document (rsyncd.conf checks an edit
   * in parts): `key` names the document (the session passes its URI), and `hostGeneration` must change
   * whenever `ctx.host` may answer differently (its cache was dropped). Results are the same either way.
   */
  incremental?: { key: string; hostGeneration: number };
}

export interface LanguageService {
  id: LanguageId;
  rules: readonly RuleMeta[];
  validate(text: string, ctx: CheckContext, options?: ValidateOptions): Problem[];
  hover?(text: string, offset: number, ctx: CheckContext): HoverInfo | undefined;
  complete?(text: string, offset: number, ctx: CheckContext): CompletionEntry[];
  /** With `ctx.host`, services may add what other files contribute (rsyncd.conf: included modules). */
  symbols?(text: string, ctx?: CheckContext): DocumentSymbolInfo[];
  folding?(text: string): FoldingInfo[];
  links?(text: string, ctx: CheckContext): LinkInfo[];
  definition?(text: string, offset: number, ctx: CheckContext): LocationInfo[];
  actions?(text: string, span: Span, ctx: CheckContext): ActionInfo[];
  /** Commands offered on lines of the document (ftpsync.conf: "Test upstream login" on RSYNC_HOST). */
  codeLenses?(text: string, ctx: CheckContext): CodeLensInfo[];
  /** Paths of files this document depends on (includes, secrets files), so the server can revalidate. */
  dependencies?(text: string, ctx: CheckContext): string[];
}
