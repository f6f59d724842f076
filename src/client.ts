import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { documentSelector, WATCHED_FILES_GLOB } from '../server/src/core/selectors';
import { readConfig } from './config';
import { SECRETS_LANGUAGE, TraceRedactor } from './engine/logs/lspTrace';
import { linkRuleDocs } from './ruleDocs';

export type { LanguageClient };

/** Starts the bundled language server over IPC; the caller owns (and disposes) the client. */
export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: log,
    traceOutputChannel: redactingTraceChannel(log),
    initializationOptions: { settings: readConfig() },
    synchronize: {
      // Files the rules read (secrets files, includes, key files): a change re-validates open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB),
    },
    middleware: {
      // A code's link opens the rule's rendered documentation instead of rules.md as text (ruleDocs/).
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkRuleDocs)),
      workspace: {
        // Settings are answered per resource and pass through the trust check in readConfig.
        configuration: (params) =>
          params.items.map((item) =>
            item.section === 'pushMirror'
              ? readConfig(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : null,
          ),
      },
    },
  };
  return new LanguageClient('pushMirror', 'Push Mirror Language Server', serverOptions, clientOptions);
}

/**
 * The log, for the client's trace, with every trace line passed through the redactor: no document text,
 * nothing about an rsync secrets file (see engine/logs/lspTrace.ts). Everything else is the log itself;
 * disposing it leaves the log open (the extension owns that).
 */
function redactingTraceChannel(log: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const redactor = new TraceRedactor((uri) =>
    vscode.workspace.textDocuments.some((d) => d.languageId === SECRETS_LANGUAGE && d.uri.toString() === uri),
  );
  return {
    get name() {
      return log.name;
    },
    get logLevel() {
      return log.logLevel;
    },
    onDidChangeLogLevel: log.onDidChangeLogLevel,
    trace: (message, ...args) => log.trace(redactor.redact(message), ...args),
    debug: (message, ...args) => log.debug(message, ...args),
    info: (message, ...args) => log.info(message, ...args),
    warn: (message, ...args) => log.warn(message, ...args),
    error: (error, ...args) => log.error(error, ...args),
    append: (value) => log.append(value),
    appendLine: (value) => log.appendLine(value),
    replace: (value) => log.replace(value),
    clear: () => log.clear(),
    show: (preserveFocus?: boolean | vscode.ViewColumn) =>
      typeof preserveFocus === 'boolean' ? log.show(preserveFocus) : log.show(),
    hide: () => log.hide(),
    dispose: () => undefined,
  };
}
