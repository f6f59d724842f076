import * as vscode from 'vscode';
import { CONFIRM_MANY_SIGNALS } from './downstreams/wording';

export { CONFIRM_MANY_SIGNALS };

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

/** Asks before Signal All Downstreams and Staged Push (one click would otherwise signal a whole list). */
export function askBeforeSignallingMany(): boolean {
  // `application` scope: a workspace's settings file cannot turn the question off for the user.
  return vscode.workspace.getConfiguration().get<boolean>(CONFIRM_MANY_SIGNALS, true);
}
