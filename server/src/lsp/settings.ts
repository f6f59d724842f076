import { RULE_LEVELS, SETTINGS, type RuleLevel } from '../core/settings';

/** The server's view of the `pushMirror.*` settings (one resource's worth). */
export interface ServerSettings {
  checkFileSystem: boolean;
  /** List the problems of the workspace folder's unopened mirror files (workspaceCheck.ts). */
  checkWorkspace: boolean;
  rules: Record<string, RuleLevel>;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  checkFileSystem: SETTINGS.checkFileSystem.default,
  checkWorkspace: SETTINGS.checkWorkspace.default,
  rules: { ...SETTINGS.rules.default },
};

const LEVELS: ReadonlySet<string> = new Set(RULE_LEVELS);

/** Accepts whatever a client sends (VS Code, Neovim, a hand-written initializationOptions) and keeps what is valid. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [code, level] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) rules[code] = level as RuleLevel;
    }
  }
  return {
    checkFileSystem:
      typeof input.checkFileSystem === 'boolean' ? input.checkFileSystem : DEFAULT_SETTINGS.checkFileSystem,
    checkWorkspace: typeof input.checkWorkspace === 'boolean' ? input.checkWorkspace : DEFAULT_SETTINGS.checkWorkspace,
    rules,
  };
}
