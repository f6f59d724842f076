import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { readConfig } from './config';

export type { LanguageClient };

export const LANGUAGE_IDS = ['rsyncd-conf', 'rsyncd-secrets', 'ssh-authorized-keys', 'runmirrors-mirror'] as const;

/** Starts the bundled language server over IPC; the caller owns (and disposes) the client. */
export function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGE_IDS.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // The pushmirror.yaml inventory stays YAML to the editor; the server picks its service by file name.
      { scheme: 'file', pattern: '**/pushmirror.{yaml,yml}' },
    ],
    outputChannel: log,
    initializationOptions: { settings: readConfig() },
    synchronize: {
      // Files the rules read (secrets files, includes, key files): a change re-validates open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{rsyncd.conf,*.conf,*.inc,*.secrets,rsyncd.secrets,authorized_keys*,runmirrors*.mirror,runmirrors.conf,*.pub,pushmirror.yaml,pushmirror.yml}',
      ),
    },
    middleware: {
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
