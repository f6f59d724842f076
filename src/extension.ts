import * as vscode from 'vscode';
import { createClient, type LanguageClient } from './client';
import { registerAccountCommands } from './commands/account';
import { registerAuthorizedKeysLineCommand } from './commands/authorizedKeysLine';
import { registerKeyCommands } from './commands/keygen';
import { createLog } from './log';
import { registerDownstreams } from './downstreams';
import { registerHierarchy } from './hierarchy';
import { registerLogCommands } from './logs/commands';
import { registerSignalCommands } from './commands/signal';
import { registerMirrorStatus } from './status/mirrorStatus';
import { registerUpstreamLoginCommand } from './commands/upstreamLogin';
import { registerRuleDocs } from './ruleDocs';
import { registerWalkthrough } from './walkthrough';

let client: LanguageClient | undefined;

/** Wiring only: each feature registers itself and hands its disposables to the context. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  context.subscriptions.push(log);
  client = createClient(context, log);
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.restartServer', async () => {
      log.info('restarting the language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('pushMirror.showOutput', () => log.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() =>
      client?.sendNotification('workspace/didChangeConfiguration', { settings: null }),
    ),
  );
  // Features: one line each, registered before the server starts so they work even if it cannot.
  const downstreams = registerDownstreams(context, log);
  registerLogCommands(context, log);
  registerKeyCommands(context, log, downstreams);
  registerAccountCommands(context, log);
  registerSignalCommands(context, log, downstreams);
  registerAuthorizedKeysLineCommand(context, log, downstreams);
  registerMirrorStatus(context, log);
  registerUpstreamLoginCommand(context, log);
  registerRuleDocs(context, log);
  registerWalkthrough(context, log);
  registerHierarchy(context, log, downstreams);

  await client.start();
  log.info(
    `Push Mirror ${context.extension.packageJSON.version as string} started (display language ${vscode.env.language})`,
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
