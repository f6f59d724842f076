import { defineRule } from '../../rule';
import type { SecretsFile } from '../check';

export const emptyUser = defineRule<SecretsFile>({
  code: 'secrets/empty-user',
  severity: 'error',
  summary: 'The line has no user (or group) name before the `:`.',
  docs: [
    'rsync compares the start of each line with `<user>:`. A line starting with `:` (or `@:`) names nobody,',
    'so no real login uses it. Put the user name before the colon: `joe:password`, or `@group:password` for a group.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (entry.name === '' || entry.name === '@') {
        report(
          { start: entry.nameSpan.start, end: entry.colonOffset + 1 },
          'no user name before the `:`; this line is never used.',
        );
      }
    }
  },
});
