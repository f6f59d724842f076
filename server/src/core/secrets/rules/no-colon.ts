import { defineRule } from '../../rule';
import type { SecretsFile } from '../check';

export const noColon = defineRule<SecretsFile>({
  code: 'secrets/no-colon',
  severity: 'error',
  summary: 'A line without `:` is never matched; every line must be `user:password`.',
  docs: [
    'rsync reads a secrets file line by line and uses a line only when it starts with `user:` (or `@group:`).',
    'A line without a colon (`joe secret`, or a password alone on its own line) matches no user and is silently skipped,',
    'so the login fails with "secret not found" in the daemon log.',
    '',
    'Write `user:password`, one user per line. Lines starting with `#` are treated as comments.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      // The line's text is never quoted: it may well be a password on a line of its own.
      if (line.kind === 'no-colon')
        report(line.span, 'this line has no `:`, so rsync never matches it; write `user:password`.');
    }
  },
});
