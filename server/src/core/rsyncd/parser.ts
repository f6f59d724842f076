import type { RsyncdDocument } from './model';
import { Scanner } from './scanner';
import { cachedParser } from '../parse-cache';

// rsyncd.conf parsing: model.ts (the document and rsync's name comparisons), scanner.ts (params.c's
// reader, with scan-reader.ts for its characters, scan-document.ts for what it has read and
// scan-parts.ts for its character buffer) and param-table.ts (the parameter lines as columns, with views). The model is re-exported here, so importers keep one path.
export * from './model';
// The merged module model lives beside the parser; exported from here so other languages import one file.
export { authSettings, moduleOf, moduleViews, type AuthSettings, type ModuleView, type Setting } from './modules';

/** The parse of the last few texts (parse-cache.ts): the service, cross-file rules and features share it. */
export const parseRsyncdCached = cachedParser((text: string) => parseRsyncd(text));

export function parseRsyncd(text: string): RsyncdDocument {
  return new Scanner(text).parse();
}
