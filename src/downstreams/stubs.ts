import * as vscode from 'vscode';

// Placeholders for tree actions other features own (signalling, key wizard, host keys). Each is
// registered only when its command does not exist yet; delete this file once they all have landed.

const STUBS: Record<string, string> = {
  'pushMirror.tailLog': 'Tailing a sync log',
  'pushMirror.copyAuthorizedKeysLine': 'Copying the authorized_keys line',
};

export async function registerStubs(context: vscode.ExtensionContext): Promise<void> {
  const existing = new Set(await vscode.commands.getCommands(true));
  for (const [id, what] of Object.entries(STUBS)) {
    if (existing.has(id)) continue;
    context.subscriptions.push(vscode.commands.registerCommand(id, () => vscode.window.showInformationMessage(`${what} is coming in a later version of Push Mirror.`)));
  }
}
