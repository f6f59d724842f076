import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { formatAge } from '../engine/inventory/trace';
import { testUpstreamLogin, type LoginResult } from '../engine/rsync/login';
import { upstreamTarget } from '../engine/rsync/target';

// "Test upstream login" (the lens on RSYNC_HOST, or the palette on the active ftpsync.conf): reads the
// document's values here with the pure parser (the password never crosses LSP), runs the engine with
// a cancellable progress notification, and shows the daemon's answer. Needs a trusted workspace: it
// runs rsync and connects to the upstream.

const HINTS: Partial<Record<LoginResult['outcome'], string>> = {
  'auth-failed': 'Check RSYNC_USER and RSYNC_PASSWORD against the account the upstream gave you.',
  'unknown-module': 'RSYNC_PATH names no module the daemon lists (rsync compares names exactly).',
  'host-denied': "The upstream's `hosts allow` does not let this machine in; send it this machine's address.",
  refused: 'Nothing listens there: check RSYNC_HOST and any --port in RSYNC_EXTRA.',
  unreachable: 'The host name does not resolve or the network has no route to it.',
  timeout: 'No answer in time (a firewall dropping packets?).',
  busy: "The daemon's `max connections` is reached; try again later.",
};

async function documentFor(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof uri === 'string') {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    return open ?? vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  }
  const active = vscode.window.activeTextEditor?.document;
  return active?.languageId === 'ftpsync-conf' ? active : undefined;
}

export async function testUpstreamLoginCommand(
  log: vscode.LogOutputChannel,
  uri?: unknown,
): Promise<LoginResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Testing the upstream login runs rsync; it needs a trusted workspace.');
    return undefined;
  }
  const doc = await documentFor(uri);
  if (!doc) {
    void vscode.window.showErrorMessage('Open an ftpsync.conf to test its upstream login.');
    return undefined;
  }
  const reading = upstreamTarget(doc.getText(), doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined);
  if (!reading.target) {
    void vscode.window.showWarningMessage(`Cannot test the upstream login: ${reading.problem}`);
    return undefined;
  }
  const target = reading.target;
  const shown = `${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}::${target.module}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing login to ${shown}…`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return testUpstreamLogin({
        target,
        ...(reading.password ? { password: reading.password } : {}),
        signal: controller.signal,
      });
    },
  );
  log.info(`upstream login ${result.url}: ${result.outcome} (${result.answer})`);
  if (result.outcome === 'cancelled') return result;
  if (result.outcome !== 'ok') {
    void vscode.window.showErrorMessage(`${shown}: ${result.answer}. ${HINTS[result.outcome] ?? ''}`.trim());
    return result;
  }
  const master = result.master;
  const trace = master?.error
    ? `No master trace: ${master.error}.`
    : `Master trace: serial ${master?.serial ?? 'unknown'}${master?.date ? `, written ${formatAge(Date.now() - master.date)} ago (${new Date(master.date).toUTCString()})` : ''}.`;
  void vscode.window.showInformationMessage(`Login to ${shown} accepted. ${trace}`);
  return result;
}

export function registerUpstreamLoginCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.testUpstreamLogin, (uri?: unknown) =>
      testUpstreamLoginCommand(log, uri),
    ),
  );
}
