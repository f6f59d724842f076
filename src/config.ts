import * as vscode from 'vscode';

export type RuleLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Typed view of the `pushMirror.*` settings; one place knows their names. */
export interface PushMirrorConfig {
  checkFileSystem: boolean;
  rules: Record<string, RuleLevel>;
}

export function readConfig(scope?: vscode.ConfigurationScope): PushMirrorConfig {
  const c = vscode.workspace.getConfiguration('pushMirror', scope);
  return {
    // Untrusted workspaces may validate but not make the server read other files of this machine.
    checkFileSystem: vscode.workspace.isTrusted && c.get<boolean>('checkFileSystem', true),
    rules: c.get<Record<string, RuleLevel>>('rules', {}),
  };
}
