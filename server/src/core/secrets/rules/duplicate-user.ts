import { defineRule } from '../../rule';
import { deleteLine, showName, type SecretsFile } from '../check';
import type { SecretsEntry } from '../parser';

export const duplicateUser = defineRule<SecretsFile>({
  code: 'secrets/duplicate-user',
  severity: 'error',
  summary: 'A second line for the same user is never tried: only the first one counts.',
  docs: [
    'rsync stops at the first line that starts with `joe:`. If that line\'s password is wrong it logs "password mismatch"',
    'and **does not look at later `joe:` lines** (the same holds for `@group:` lines). A second line with a new password',
    'therefore never works. (Observed with rsync 3.5.0.)',
    '',
    "Keep one line per user: change the first line's password and delete the later ones.",
  ],
  check(doc, report) {
    const first = new Map<string, SecretsEntry>();
    for (const entry of doc.entries) {
      if (entry.name === '' || entry.name === '@') continue;
      const earlier = first.get(entry.name);
      if (!earlier) {
        first.set(entry.name, entry);
        continue;
      }
      // Compared, never shown: the message only says whether the passwords differ.
      const same =
        doc.text.slice(entry.passwordSpan.start, entry.passwordSpan.end) ===
        doc.text.slice(earlier.passwordSpan.start, earlier.passwordSpan.end);
      const what = same ? 'it has the same password, so it is redundant' : 'its password never works';
      report(
        entry.nameSpan,
        `${showName(entry.name)} already has a line (line ${earlier.line + 1}); rsync only tries the first one, so this line is never used and ${what}.`,
        {
          fixes: [
            { title: `Delete this duplicate line for ${showName(entry.name)}`, edits: [deleteLine(doc, entry.line)] },
          ],
          ...(same ? { unnecessary: true } : {}),
        },
      );
    }
  },
});
