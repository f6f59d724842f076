import type { RsyncdDocument } from './model';
import { Scanner } from './scanner';

// rsyncd.conf parsing, in three files: model.ts (the document and rsync's name comparisons),
// scanner.ts (params.c's reader) and scan-parts.ts (its buffer and the parameter entry). Everything is
// re-exported here, so importers keep one path.
export * from './model';
// The merged module model lives beside the parser; exported from here so other languages import one file.
export { authSettings, moduleOf, moduleViews, type AuthSettings, type ModuleView, type Setting } from './modules';

export function parseRsyncd(text: string): RsyncdDocument {
  return new Scanner(text).parse();
}
