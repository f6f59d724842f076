import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { lineNo, repeats } from './duplicates';

export const repeatedKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/repeated-key',
  severity: 'information',
  summary: 'The same key on several lines: which one sshd uses depends on `from=`, `expiry-time` and parse errors.',
  docs: [
    'sshd tries every line in order. A line it cannot parse, a line whose `from=` does not match the client, and an expired line',
    'do not stop the search: the next line with the same key is tried, and the first one that fully matches wins. This can be',
    'deliberate (one command per upstream address), but a typo in the restricted line silently lets a looser later line through.',
  ],
  check(doc, report) {
    for (const r of repeats(doc)) {
      if (r.shadowedBy || !r.line.blob) continue;
      // One line and a count, never the list: n copies of a key would otherwise give n² line numbers.
      report(
        r.line.blob,
        r.earlier === 1
          ? `The same key is on line ${lineNo(r.first)}. sshd uses this line only when the earlier one cannot be parsed, has expired or its \`from=\` does not match the client.`
          : `The same key is on line ${lineNo(r.first)} and ${r.earlier - 1} more line${r.earlier === 2 ? '' : 's'} before this one. sshd uses this line only when each earlier one cannot be parsed, has expired or has a \`from=\` that does not match the client.`,
      );
    }
  },
});
