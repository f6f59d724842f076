import { CHECKED_LANGUAGE_IDS, LANGUAGES, languageFacts, type LanguageFacts, type LanguageId } from './languages';

// Which checked files are looked for on disk in the workspace folders: by the background check that
// lists unopened files' problems, by the index that cross-file rules read, and by the extension's
// activation (scripts/manifest.ts). Every checked language but the trace files of project/trace/:
// those are written by the mirrors of a hierarchy, not by the person editing, and a mirror's tree
// holds one per mirror that ever synced along it, often hundreds; their problems would bury the
// configs'. An opened trace file is still checked.

/**
 * How much of the workspace folders is looked at and checked, so a home directory or a mirror's tree
 * opened as a folder costs little. Files beyond these are checked when opened.
 */
export const WORKSPACE_LIMITS = {
  /** Mirror files listed (and checked in the background). */
  files: 5000,
  /** Directory entries looked at, files and folders alike. */
  entries: 50_000,
  /** Folder levels below a workspace folder. */
  depth: 10,
  /** Longest walk of the folders. */
  walkSeconds: 10,
  /** Longest background check of every listed file, the walk included. */
  checkSeconds: 30,
  /** Largest file read by the background check (server/src/node/files.ts refuses bigger ones). */
  fileBytes: 16 * 1024 * 1024,
};

export const NOT_LOOKED_FOR: readonly LanguageId[] = ['ftpsync-trace'];

export const WORKSPACE_LANGUAGE_IDS: readonly LanguageId[] = CHECKED_LANGUAGE_IDS.filter(
  (id) => !NOT_LOOKED_FOR.includes(id),
);

/** The titles of `ids` from languages.ts, for messages and setting descriptions. */
export function languageTitles(ids: readonly LanguageId[]): string[] {
  return ids.map((id) => languageFacts(id)?.title ?? id);
}

export function isWorkspaceLanguage(id: string | undefined): id is LanguageId {
  return id !== undefined && (WORKSPACE_LANGUAGE_IDS as readonly string[]).includes(id);
}

/** Those files as globs over the whole workspace (a bare name gets a leading `**` folder), for `workspaceContains`. */
export function workspaceFileGlobs(): string[] {
  return (LANGUAGES as readonly LanguageFacts[])
    .filter((l) => isWorkspaceLanguage(l.id))
    .flatMap((l) => [...l.filenames, ...l.filenamePatterns])
    .map((p) => (p.startsWith('**/') ? p : `**/${p}`));
}
