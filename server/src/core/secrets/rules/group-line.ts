import { defineRule } from '../../rule';
import { moduleLabel, showName, type SecretsFile } from '../check';
import { groupRulesFor } from '../crossfile';

export const groupLine = defineRule<SecretsFile>({
  code: 'secrets/group-line',
  severity: 'information',
  summary: 'An `@group:` line is used only for logins let in by an `@group` rule in `auth users`.',
  docs: [
    'A line `@staff:password` is read only when the `auth users` rule that matched the login was an `@group` rule',
    '(such as `@staff:rw`), and only for users that are members of that group **on the daemon host**. Such a user may then',
    'log in with either their own `user:` line or the `@group:` line. For a plain `auth users = joe` the group line is never read.',
    '',
    'Add an `@staff` rule to `auth users`, or give each user their own `user:password` line.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (!entry.isGroup || !entry.group) continue;
      const using = doc.refs.filter((ref) => groupRulesFor(ref.module.authUsers?.rules ?? [], entry.group!).length > 0);
      // With modules that name this file but no rule for the group, `secrets/unused-user` warns instead.
      if (doc.refs.length && !using.length) continue;
      const where = using.length ? ` (as in ${using.map(moduleLabel).join(', ')})` : '';
      report(
        entry.nameSpan,
        `${showName(entry.name)} is read only for members of group ${showName(entry.group)} on the daemon host who are let in by an \`@${entry.group}\` rule in \`auth users\`${where}.`,
      );
    }
  },
});
