import type { Diagnostic } from 'vscode-languageserver';

// What the server last published for each open document. A document is checked again for reasons that
// often change nothing in it (the settings arrive just after it opens, a file is saved or changes on
// disk). Sending the same diagnostics again costs both sides a large file's worth of JSON (1,000
// diagnostics are about 250 KB) and the editor a rebuild of every marker of the file, so the same
// diagnostics for the same version are sent once.

export class PublishedDiagnostics {
  private readonly last = new Map<string, { version: number; diagnostics: readonly Diagnostic[] }>();

  /** Whether these diagnostics differ from the ones last sent for this version; remembers them if so. */
  differ(uri: string, version: number, diagnostics: readonly Diagnostic[]): boolean {
    const last = this.last.get(uri);
    if (last && last.version === version && sameList(last.diagnostics, diagnostics)) return false;
    this.last.set(uri, { version, diagnostics });
    return true;
  }

  /** The document was closed: what it shows next comes from elsewhere (the workspace check). */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameList(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

function same(a: Diagnostic, b: Diagnostic): boolean {
  const r = a.range;
  const s = b.range;
  return (
    r.start.line === s.start.line &&
    r.start.character === s.start.character &&
    r.end.line === s.end.line &&
    r.end.character === s.end.character &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.message === b.message &&
    a.source === b.source &&
    a.codeDescription?.href === b.codeDescription?.href &&
    String(a.tags ?? '') === String(b.tags ?? '')
  );
}
