import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { documentSelector, WATCHED_FILES_GLOB } from '../server/src/core/selectors';
import { readConfig } from './config';
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
