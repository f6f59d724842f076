import * as vscode from 'vscode';
import { SETTINGS, type SettingName, type SettingValue } from '../server/src/core/settings';

export type { RuleLevel } from '../server/src/core/settings';

/**
 * One `pushMirror.*` setting's value, typed and defaulted from the one list of settings
 * (server/src/core/settings.ts); no other file names a setting or repeats its default.
 */
export function setting<N extends SettingName>(name: N, scope?: vscode.ConfigurationScope): SettingValue<N> {
  const fact = SETTINGS[name];
  return vscode.workspace.getConfiguration(undefined, scope).get(fact.key, fact.default) as SettingValue<N>;
}

/** What the language server is told (section `pushMirror`), per resource. */
export interface ServerConfig {
  checkFileSystem: boolean;
  checkWorkspace: boolean;
  rules: SettingValue<'rules'>;
}

export function readConfig(scope?: vscode.ConfigurationScope): ServerConfig {
  return {
    // Untrusted workspaces may validate but not make the server read other files of this machine.
    checkFileSystem: vscode.workspace.isTrusted && setting('checkFileSystem', scope),
    // Nor read the workspace's files in the background: only what the person opens is checked.
    checkWorkspace: vscode.workspace.isTrusted && setting('checkWorkspace', scope),
    rules: setting('rules', scope),
  };
}

/** Asks before Signal All Downstreams and Staged Push (one click would otherwise signal a whole list). */
export function askBeforeSignallingMany(): boolean {
  return setting('signalConfirmMany');
}
