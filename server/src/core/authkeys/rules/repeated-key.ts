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
      const lines = r.earlier.map(lineNo).join(', ');
      report(
        r.line.blob,
        `The same key is on line ${lines}. sshd uses this line only when the earlier one cannot be parsed, has expired or its \`from=\` does not match the client.`,
      );
    }
  },
});
