import { cleanLines, effectiveOptions, expiry } from '../analysis';
import type { AuthorizedKeysDocument, KeyLine } from '../parser';

// Shared by duplicate-key and repeated-key: lines holding the same key (and the same role: a CA line
// and a plain line with one key are used for different logins), each with the earlier lines.

export interface Repeat {
  line: KeyLine;
  /** The first earlier line with this key. */
  first: KeyLine;
  /** How many earlier lines hold this key. */
  earlier: number;
  /** The first earlier line that sshd always uses for this key: no `from=`, no `expiry-time`, clean parse. */
  shadowedBy?: KeyLine;
}

/** Linear in the lines: each key keeps its first line, a count and its first shadowing line, never a list. */
export function repeats(doc: AuthorizedKeysDocument): Repeat[] {
  const seen = new Map<string, { first: KeyLine; count: number; shadowedBy?: KeyLine }>();
  const out: Repeat[] = [];
  // Lines sshd skips never grant anything, so only clean lines can shadow or repeat each other.
  for (const line of cleanLines(doc.lines)) {
    if (!line.decoded?.ok) continue;
    const id = `${effectiveOptions(line).certAuthority ? 'ca' : 'key'} ${line.decoded.key.fingerprint}`;
    const shadows = !effectiveOptions(line).from && !expiry(line);
    const known = seen.get(id);
    if (!known) {
      seen.set(id, { first: line, count: 1, ...(shadows ? { shadowedBy: line } : {}) });
      continue;
    }
    out.push({
      line,
      first: known.first,
      earlier: known.count,
      ...(known.shadowedBy ? { shadowedBy: known.shadowedBy } : {}),
    });
    known.count++;
    if (shadows) known.shadowedBy ??= line;
  }
  return out;
}

export const lineNo = (line: KeyLine) => line.line + 1;
