import { defineRule } from '../../rule';
import { showName, type SecretsFile } from '../check';

export const emptyPassword = defineRule<SecretsFile>({
  code: 'secrets/empty-password',
  severity: 'warning',
  summary: 'An empty password: anyone who knows the user name can log in.',
  docs: [
    'rsync accepts `joe:` as a valid line whose password is empty: a client with `RSYNC_PASSWORD=""` logs in as `joe`.',
    '(Observed with rsync 3.5.0.) Give the user a real password, or remove the line to lock the user out.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (entry.name === '' || entry.name === '@') continue;
      if (entry.passwordSpan.end === entry.passwordSpan.start) {
        report(
          { start: entry.nameSpan.start, end: entry.colonOffset + 1 },
          `${showName(entry.name)} has an empty password: rsync lets anyone log in as ${showName(entry.name)} without one.`,
        );
      }
    }
  },
});
