import type { Diagnostic } from 'vscode-languageserver';
import type { Fix } from '../core/types';

// Quick fixes are answered from the server's own last validation of a document, never from what the
// client echoes back: a diagnostic's `data` is the client's to forge, and echoing it would let 58 KB
// of request become 58 MB of response. A diagnostic the server did not publish (or no longer holds)
// gets no fix, and each published diagnostic gives its fixes at most once per request.

/** What identifies a published diagnostic: its code, range and message, as the client shows them. */
function keyOf(d: Diagnostic): string | undefined {
  const r = d?.range;
  if (!r?.start || !r.end || typeof d.message !== 'string') return undefined;
  return `${String(d.code)}\n${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}\n${d.message}`;
}

interface Known {
  /** The diagnostic as published: code actions name it, not the copy the client sent. */
  diagnostic: Diagnostic;
  fixes: Fix[];
}

export class FixStore {
  private readonly byUri = new Map<string, Map<string, Known>>();

  /** Remembers the fixes of the diagnostics just published for `uri` (replacing the previous ones). */
  set(uri: string, published: readonly { diagnostic: Diagnostic; fixes?: Fix[] }[]): void {
    const known = new Map<string, Known>();
    for (const { diagnostic, fixes } of published) {
      if (!fixes?.length) continue;
      const key = keyOf(diagnostic)!;
      const same = known.get(key);
      if (same) same.fixes.push(...fixes);
      else known.set(key, { diagnostic, fixes: [...fixes] });
    }
    if (known.size) this.byUri.set(uri, known);
    else this.byUri.delete(uri);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The fixes for the diagnostics a code action request names, each known diagnostic once. */
  lookup(uri: string, requested: unknown): { diagnostic: Diagnostic; fix: Fix }[] {
    const known = this.byUri.get(uri);
    if (!known || !Array.isArray(requested)) return [];
    const seen = new Set<Known>();
    const out: { diagnostic: Diagnostic; fix: Fix }[] = [];
    for (const candidate of requested as Diagnostic[]) {
      const key = keyOf(candidate);
      const hit = key === undefined ? undefined : known.get(key);
      if (!hit || seen.has(hit)) continue;
      seen.add(hit);
      for (const fix of hit.fixes) out.push({ diagnostic: hit.diagnostic, fix });
    }
    return out;
  }
}
