import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/core/commands';
import { formatAge } from '../engine/inventory/trace';
import { testUpstreamLogin, type LoginResult } from '../engine/rsync/login';
import { upstreamTarget } from '../engine/rsync/target';

// "Test upstream login" (the lens on RSYNC_HOST, or the palette on the active ftpsync.conf): reads the
// document's values here with the pure parser (the password never crosses LSP), runs the engine with
// a cancellable progress notification, and shows the daemon's answer. Needs a trusted workspace: it
// runs rsync and connects to the upstream.

const t = vscode.l10n.t;

/** What to check for a failed login, in the UI's language. */
function hint(outcome: LoginResult['outcome']): string {
  switch (outcome) {
    case 'auth-failed':
      return t('Check RSYNC_USER and RSYNC_PASSWORD against the account the upstream gave you.');
    case 'unknown-module':
      return t('RSYNC_PATH names no module the daemon lists (rsync compares names exactly).');
    case 'host-denied':
      return t("The upstream's `hosts allow` does not let this machine in; send it this machine's address.");
    case 'refused':
      return t('Nothing listens there: check RSYNC_HOST and any --port in RSYNC_EXTRA.');
    case 'unreachable':
      return t('The host name does not resolve or the network has no route to it.');
    case 'timeout':
      return t('No answer in time (a firewall dropping packets?).');
    case 'busy':
      return t("The daemon's `max connections` is reached; try again later.");
    default:
      return '';
  }
}

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
    void vscode.window.showErrorMessage(t('Testing the upstream login runs rsync; it needs a trusted workspace.'));
    return undefined;
  }
  const doc = await documentFor(uri);
  if (!doc) {
    void vscode.window.showErrorMessage(t('Open an ftpsync.conf to test its upstream login.'));
    return undefined;
  }
  const reading = upstreamTarget(doc.getText(), doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined, t);
  if (!reading.target) {
    void vscode.window.showWarningMessage(t('Cannot test the upstream login: {0}', reading.problem ?? ''));
    return undefined;
  }
  const target = reading.target;
  const shown = `${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}::${target.module}`;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Testing login to {0}…', shown), cancellable: true },
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
    // The daemon's answer is rsync's own words.
    void vscode.window.showErrorMessage(`${shown}: ${result.answer}. ${hint(result.outcome)}`.trim());
    return result;
  }
  const master = result.master;
  const serial = master?.serial ?? t('unknown');
  const trace = master?.error
    ? t('No master trace: {0}.', master.error)
    : master?.date
      ? t(
          'Master trace: serial {0}, written {1} ago ({2}).',
          serial,
          formatAge(Date.now() - master.date),
          new Date(master.date).toUTCString(),
        )
      : t('Master trace: serial {0}.', serial);
  void vscode.window.showInformationMessage(t('Login to {0} accepted. {1}', shown, trace));
  return result;
}

export function registerUpstreamLoginCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.testUpstreamLogin, (uri?: unknown) =>
      testUpstreamLoginCommand(log, uri),
    ),
  );
}
