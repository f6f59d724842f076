import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageForPath, ruleAnchor, ruleByCode, serviceFor } from '../core/catalogue';
import type { LanguageService } from '../core/service';
import type { CheckContext, LanguageId, Problem, WorkspaceDocument } from '../core/types';
import {
  fixToCodeAction,
  toCodeLens,
  toCompletionItem,
  toDiagnostic,
  toDocumentSymbol,
  toRange,
  toTextEdits,
} from './convert';
import { CachedHost } from '../node/host';
import { problemsWithoutBom } from './bom';
import { FixStore } from './fixes';
import { PublishedDiagnostics } from './published';
import { capSymbols, forEditor, isTooLarge, tooLargeProblem } from './limits';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from './settings';
import { WorkspaceIndex, type MirrorFile } from './workspace';
import { WorkspaceCheck } from './workspaceCheck';

const DEPENDENTS_DELAY_MS = 300;

export interface SessionOptions {
  /** Directory holding docs/rules.md, for diagnostics' documentation links. */
  docsRoot?: string;
}

/**
 * Wires the language services to a connection it is handed. Knows nothing of how the connection was
 * made (stdio, IPC, an in-memory pair in tests).
 */
export function startSession(connection: Connection, options: SessionOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const host = new CachedHost((message) => connection.console.warn(message));
  const fixes = new FixStore();
  const published = new PublishedDiagnostics();
  let roots: string[] = [];
  const index = new WorkspaceIndex(
    () => roots,
    (message) => connection.console.info(message),
  );
  let canPullConfiguration = false;
  let initSettings: ServerSettings = DEFAULT_SETTINGS;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const pending = new Map<string, NodeJS.Immediate>();

  const rulesDoc = options.docsRoot ? path.join(options.docsRoot, 'docs', 'rules.md') : undefined;
  const rulesHref = rulesDoc && fs.existsSync(rulesDoc) ? pathToFileURL(rulesDoc).href : undefined;
  // One link per rule, made once: a large file publishes thousands of diagnostics on every keystroke.
  const hrefs = new Map<string, string | undefined>();
  const docsHref = rulesHref
    ? (code: string) => {
        if (!hrefs.has(code)) hrefs.set(code, ruleByCode(code) ? `${rulesHref}#${ruleAnchor(code)}` : undefined);
        return hrefs.get(code);
      }
    : undefined;

  const serviceOf = (doc: TextDocument): LanguageService | undefined =>
    serviceFor(doc.languageId) ?? serviceFor(languageFromUri(doc.uri) ?? '');
  /** The service for hover, outline and the rest: none for a document over the size cap. */
  const featuresOf = (doc: TextDocument | undefined): LanguageService | undefined =>
    doc && !isTooLarge(doc.getText()) ? serviceOf(doc) : undefined;

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!canPullConfiguration) return Promise.resolve(initSettings);
    let result = settingsCache.get(uri);
    if (!result) {
      result = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'pushMirror' })
        .then(normalizeSettings, () => initSettings);
      settingsCache.set(uri, result);
    }
    return result;
  }

  function openDocuments(): Map<string, WorkspaceDocument> {
    const open = new Map<string, WorkspaceDocument>();
    for (const doc of documents.all()) {
      const languageId = featuresOf(doc)?.id;
      if (!languageId) continue;
      const file = filePath(doc.uri);
      open.set(file ?? doc.uri, { uri: doc.uri, ...(file ? { path: file } : {}), languageId, text: doc.getText() });
    }
    return open;
  }

  /** `settingsUri`: whose settings apply; a file the workspace check reads takes its folder's. */
  async function contextFor(
    doc: TextDocument,
    settingsUri = doc.uri,
  ): Promise<{ ctx: CheckContext; settings: ServerSettings }> {
    const settings = await settingsFor(settingsUri);
    const file = filePath(doc.uri);
    if (settings.checkFileSystem) await index.ready();
    const ctx: CheckContext = {
      ...(file ? { path: file } : {}),
      ...(settings.checkFileSystem ? { host } : {}),
      workspace: settings.checkFileSystem ? index.documents(host, openDocuments()) : [...openDocuments().values()],
      now: Date.now(),
    };
    return { ctx, settings };
  }

  async function validate(doc: TextDocument): Promise<void> {
    if (!serviceOf(doc)) return;
    const version = doc.version;
    const problems = await problemsOf(doc);
    // A newer version is already queued; its result will be published instead.
    if (documents.get(doc.uri)?.version !== version) return;
    const diagnostics = problems.map((p) => toDiagnostic(doc, p, docsHref));
    if (!published.differ(doc.uri, version, diagnostics)) return;
    fixes.set(
      doc.uri,
      problems.map((p, i) => ({ diagnostic: diagnostics[i], ...(p.fixes ? { fixes: p.fixes } : {}) })),
    );
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  /** The problems of a document (open, or a file the workspace check read), as the editor shows them. */
  async function problemsOf(doc: TextDocument, settingsUri = doc.uri): Promise<readonly Problem[]> {
    const service = serviceOf(doc);
    if (!service) return [];
    let problems: readonly Problem[];
    try {
      const { ctx, settings } = await contextFor(doc, settingsUri);
      const text = doc.getText();
      // The editor hides a file's byte order mark; the daemons read it (see bom.ts).
      const bom =
        ctx.host !== undefined && ctx.path !== undefined && !text.startsWith('\uFEFF') && host.hasUtf8Bom(ctx.path);
      // A service may check an edit from its last check of this document (rsyncd.conf does).
      const options = { levels: settings.rules, incremental: { key: doc.uri, hostGeneration: host.generation } };
      problems = isTooLarge(text)
        ? [tooLargeProblem(text.length)]
        : forEditor(
            bom
              ? problemsWithoutBom(service.validate(`\uFEFF${text}`, ctx, options), text)
              : service.validate(text, ctx, options),
          );
    } catch (error) {
      connection.console.error(
        `validation of ${doc.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      // Replace the last diagnostics, which belong to another text, with the failure itself.
      problems = [
        {
          code: 'internal/check-failed',
          severity: 'error',
          start: 0,
          end: 0,
          message: `Push Mirror could not check this document: ${error instanceof Error ? error.message : String(error)}. Please report this.`,
        },
      ];
    }
    return problems;
  }

  /** Coalesces bursts of changes: one validation per document per turn of the event loop. */
  function schedule(doc: TextDocument): void {
    const previous = pending.get(doc.uri);
    if (previous) clearImmediate(previous);
    pending.set(
      doc.uri,
      setImmediate(() => {
        pending.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) void validate(current);
      }),
    );
  }

  /**
   * Cross-file rules (a secrets file and the rsyncd.conf naming it) make other open documents depend
   * on this one: revalidate them once typing pauses, not on every keystroke.
   */
  let dependentsTimer: NodeJS.Timeout | undefined;
  function scheduleDependents(changed: TextDocument): void {
    clearTimeout(dependentsTimer);
    dependentsTimer = setTimeout(() => {
      for (const doc of documents.all()) if (doc.uri !== changed.uri && serviceOf(doc)) schedule(doc);
    }, DEPENDENTS_DELAY_MS);
  }

  function revalidateAll(): void {
    for (const doc of documents.all()) schedule(doc);
  }

  // Unopened mirror files of the workspace folders (workspaceCheck.ts).
  const isOpen = (file: string) => documents.all().some((d) => filePath(d.uri) === file);
  const workspaceCheck = new WorkspaceCheck({
    index,
    roots: () => roots,
    enabled: async (root) => (await settingsFor(pathToFileURL(root).href)).checkWorkspace,
    isOpen,
    check: async (file: MirrorFile, text: string) => {
      const doc = TextDocument.create(file.uri, file.languageId, 0, text);
      const problems = await problemsOf(doc, pathToFileURL(file.root).href);
      return problems.map((p) => toDiagnostic(doc, p, docsHref));
    },
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    log: (message) => connection.console.info(message),
    debug: (message) => connection.console.debug(message),
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    initSettings = normalizeSettings(
      (params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions,
    );
    roots = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((p): p is string => !!p);
    if (!roots.length && params.rootUri) {
      const root = filePath(params.rootUri);
      if (root) roots = [root];
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['=', ' ', ',', '%', '&', '[', ':', '@'] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'push-mirror-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'pushMirror' });
    workspaceCheck.schedule(0);
  });

  connection.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event }) => {
    const removed = new Set(event.removed.map((f) => filePath(f.uri)));
    const added = event.added.map((f) => filePath(f.uri)).filter((p): p is string => !!p);
    roots = [...roots.filter((r) => !removed.has(r)), ...added];
    settingsCache.clear();
    index.invalidate();
    workspaceCheck.schedule();
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    const pushed = (change.settings as { pushMirror?: unknown } | undefined)?.pushMirror;
    if (pushed) initSettings = normalizeSettings(pushed);
    revalidateAll();
    workspaceCheck.schedule();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    host.invalidate();
    index.invalidate();
    revalidateAll();
    const deleted = changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => filePath(c.uri));
    workspaceCheck.filesChanged(deleted.filter((p): p is string => !!p));
  });

  documents.onDidOpen((e) => {
    host.invalidate();
    schedule(e.document);
    const file = filePath(e.document.uri);
    if (file) workspaceCheck.opened(file);
  });
  documents.onDidChangeContent((e) => {
    schedule(e.document);
    if (documents.all().length > 1) scheduleDependents(e.document);
  });
  documents.onDidSave(() => {
    host.invalidate();
    index.invalidate();
    revalidateAll();
    workspaceCheck.schedule(); // unopened files that depend on the saved one
  });
  documents.onDidClose((e) => {
    settingsCache.delete(e.document.uri);
    fixes.delete(e.document.uri);
    published.forget(e.document.uri);
    // The file's diagnostics from disk take over, or none when the workspace check does not cover it.
    const file = filePath(e.document.uri);
    if (file) void workspaceCheck.closed(file, e.document.uri);
    else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.hover) return null;
    const { ctx } = await contextFor(doc);
    const info = service.hover(doc.getText(), doc.offsetAt(params.position), ctx);
    return info ? { contents: { kind: 'markdown', value: info.markdown }, range: toRange(doc, info) } : null;
  });

  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.complete) return [];
    const { ctx } = await contextFor(doc);
    return service.complete(doc.getText(), doc.offsetAt(params.position), ctx).map((e) => toCompletionItem(doc, e));
  });

  connection.onDocumentSymbol(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.symbols) return [];
    const { ctx } = await contextFor(doc);
    return capSymbols(service.symbols(doc.getText(), ctx)).map((s) => toDocumentSymbol(doc, s));
  });

  connection.onFoldingRanges((params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.folding) return [];
    return service
      .folding(doc.getText())
      .map((f) => ({ startLine: f.startLine, endLine: f.endLine, ...(f.kind ? { kind: f.kind } : {}) }));
  });

  connection.onDocumentLinks(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.links) return [];
    const { ctx } = await contextFor(doc);
    return service.links(doc.getText(), ctx).map((l) => ({
      range: toRange(doc, l),
      target: pathToFileURL(l.target).href,
      ...(l.tooltip ? { tooltip: l.tooltip } : {}),
    }));
  });

  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service?.definition) return [];
    const { ctx } = await contextFor(doc);
    return service.definition(doc.getText(), doc.offsetAt(params.position), ctx).map((loc) => {
      const uri = loc.uri ?? pathToFileURL(loc.target).href;
      const targetDoc =
        documents.get(uri) ??
        TextDocument.create(
          uri,
          '',
          0,
          ctx.workspace?.find((w) => w.uri === uri || w.path === loc.target)?.text ?? host.readText(loc.target) ?? '',
        );
      return { uri, range: toRange(targetDoc, loc) };
    });
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = featuresOf(doc);
    if (!doc || !service) return [];
    const actions: CodeAction[] = [];
    // Fixes come from this server's last validation, looked up by the diagnostics named (see fixes.ts).
    for (const { diagnostic, fix } of fixes.lookup(doc.uri, params.context?.diagnostics))
      actions.push(fixToCodeAction(doc, fix, diagnostic));
    if (service.actions) {
      const { ctx } = await contextFor(doc);
      const span = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
      for (const action of service.actions(doc.getText(), span, ctx)) {
        actions.push({
          title: action.title,
          kind:
            action.kind === 'quickfix'
              ? CodeActionKind.QuickFix
              : action.kind === 'source'
                ? CodeActionKind.Source
                : CodeActionKind.Refactor,
          edit: { changes: { [doc.uri]: toTextEdits(doc, action.edits) } },
        });
      }
    }
    return actions;
  });

  connection.onCodeLens(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const service = doc && serviceOf(doc);
    if (!doc || !service?.codeLenses) return [];
    const { ctx } = await contextFor(doc);
    return service.codeLenses(doc.getText(), ctx).map((l) => toCodeLens(doc, l));
  });

  documents.listen(connection);
  connection.listen();
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Editors that do not know our language ids (Neovim without filetype rules) still get checks by file name. */
function languageFromUri(uri: string): LanguageId | undefined {
  return languageForPath(filePath(uri) ?? uri);
}
