import { cleanLines, effectiveOptions, expiry } from '../analysis';
import type { AuthorizedKeysDocument, KeyLine } from '../parser';

// Shared by duplicate-key and repeated-key: lines holding the same key (and the same role: a CA line
// and a plain line with one key are used for different logins), each with the earlier lines.

export interface Repeat {
  line: KeyLine;
  earlier: KeyLine[];
  /** The first earlier line that sshd always uses for this key: no `from=`, no `expiry-time`, clean parse. */
  shadowedBy?: KeyLine;
}

export function repeats(doc: AuthorizedKeysDocument): Repeat[] {
  const seen = new Map<string, KeyLine[]>();
  const out: Repeat[] = [];
  // Lines sshd skips never grant anything, so only clean lines can shadow or repeat each other.
  for (const line of cleanLines(doc.lines)) {
    if (!line.decoded?.ok) continue;
    const id = `${effectiveOptions(line).certAuthority ? 'ca' : 'key'} ${line.decoded.key.fingerprint}`;
    const earlier = seen.get(id) ?? [];
    if (earlier.length) {
      const shadowedBy = earlier.find((e) => !effectiveOptions(e).from && !expiry(e));
      out.push({ line, earlier: [...earlier], ...(shadowedBy ? { shadowedBy } : {}) });
    }
    earlier.push(line);
    seen.set(id, earlier);
  }
  return out;
}

export const lineNo = (line: KeyLine) => line.line + 1;
