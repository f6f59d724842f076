import { LANGUAGES, type LanguageFacts } from './languages';

// What an editor client hands the language server, derived from the language facts: the documents
// it sends (by language id, or by file name for languages the editor keeps as its own, such as the
// YAML inventory) and the files whose changes re-validate open documents.

export interface DocumentFilter {
  scheme: 'file' | 'untitled';
  language?: string;
  pattern?: string;
}

export function documentSelector(): DocumentFilter[] {
  return (LANGUAGES as readonly LanguageFacts[])
    .filter((l) => l.rulePrefix)
    .flatMap((l): DocumentFilter[] =>
      l.selectedByPattern
        ? [...l.filenames.map((f) => `**/${f}`), ...l.filenamePatterns].map((pattern) => ({ scheme: 'file', pattern }))
        : [
            { scheme: 'file', language: l.id },
            { scheme: 'untitled', language: l.id },
          ],
    );
}

/**
 * Files the rules read besides the checked documents themselves: include files (`*.conf`, `*.inc`),
 * runmirrors.conf, public keys. A change to one re-validates the open documents.
 */
const DEPENDENCY_PATTERNS = ['*.conf', '*.inc', '*.pub'];

export const WATCHED_FILES_GLOB = `**/{${[
  ...new Set(
    (LANGUAGES as readonly LanguageFacts[])
      .filter((l) => l.rulePrefix)
      .flatMap((l) => [...l.filenames, ...l.filenamePatterns.filter((p) => !p.includes('/'))])
      .concat(DEPENDENCY_PATTERNS),
  ),
].join(',')}}`;
