import * as vscode from 'vscode';

/** The extension's one log channel; created in `activate`, handed to whoever logs. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Push Mirror', { log: true });
}
