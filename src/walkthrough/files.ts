import * as os from 'node:os';
import * as path from 'node:path';
import { languageFacts, type KnownLanguageId } from '../../server/src/core/languages';
import { findFtpsyncConfigs, ftpsyncConfigDirs } from '../engine/logs/ftpsync';

// The files the walkthrough's steps open, and how a step knows one was opened (by any means: the
// step's button, Quick Open, the explorer). vscode-free, so tests read it directly.

export type WalkthroughFile = 'rsyncdConf' | 'inetdConf' | 'authorizedKeys' | 'ftpsyncConf';

export interface FileKind {
  /** How the step and the messages name it. */
  label: string;
  /** The language whose documents count as this file (when Push Mirror contributes one). */
  language?: KnownLanguageId;
  /** Base names that count as this file when no language says so (ftpsync.conf's language comes later). */
  baseName?: RegExp;
  /** Where the file lives on the host, outside the workspace (`~` is the home directory). */
  hostPaths: (home: string, workspaceRoots: readonly string[]) => string[];
  /** The context key that turns true once such a document is open; the steps' completion event. */
  context: string;
}

export const WALKTHROUGH_FILES: Readonly<Record<WalkthroughFile, FileKind>> = {
  rsyncdConf: {
    label: 'rsyncd.conf',
    language: 'rsyncd-conf',
    hostPaths: () => ['/etc/rsyncd.conf'],
    context: 'pushMirror.walkthrough.openedRsyncdConf',
  },
  inetdConf: {
    label: 'inetd.conf',
    language: 'inetd-conf',
    hostPaths: () => ['/etc/inetd.conf'],
    context: 'pushMirror.walkthrough.openedInetdConf',
  },
  authorizedKeys: {
    label: 'authorized_keys',
    language: 'ssh-authorized-keys',
    hostPaths: (home) => [path.join(home, '.ssh', 'authorized_keys')],
    context: 'pushMirror.walkthrough.openedAuthorizedKeys',
  },
  ftpsyncConf: {
    label: 'ftpsync.conf',
    baseName: /^ftpsync(-[^/]+)?\.conf$/,
    // ftpsync's own search: ~/.config/ftpsync, /etc/ftpsync, then etc/ of an archvsync home.
    hostPaths: (home, roots) => findFtpsyncConfigs(ftpsyncConfigDirs(home, roots)),
    context: 'pushMirror.walkthrough.openedFtpsyncConf',
  },
};

/** The glob that finds a kind's files in the workspace, from the language's own names and patterns. */
export function workspaceGlob(kind: FileKind): string | undefined {
  const facts = kind.language ? languageFacts(kind.language) : undefined;
  const names = facts
    ? [...facts.filenames, ...facts.filenamePatterns.map((p) => p.replace(/^\*\*\//, ''))]
    : ['ftpsync.conf', 'ftpsync-*.conf'];
  return names.length ? `**/{${names.join(',')}}` : undefined;
}

/** Which walkthrough file a document is, from its language or its path. */
export function walkthroughFileOf(languageId: string, filePath: string): WalkthroughFile | undefined {
  const base = path.basename(filePath);
  for (const [id, kind] of Object.entries(WALKTHROUGH_FILES) as [WalkthroughFile, FileKind][])
    if ((kind.language && kind.language === languageId) || kind.baseName?.test(base)) return id;
  return undefined;
}

export const homeDir = () => os.homedir();
