import { defineRule } from '../../rule';
import { showName, type SecretsFile } from '../check';
import { insertColonEdit } from '../edits';

export const noColon = defineRule<SecretsFile>({
  code: 'secrets/no-colon',
  severity: 'error',
  summary: 'A line without `:` is never matched; every line must be `user:password`.',
  docs: [
    'rsync reads a secrets file line by line and uses a line only when it starts with `user:` (or `@group:`).',
    'A line without a colon (`joe secret`, or a password alone on its own line) matches no user and is silently skipped,',
    'so the login fails with "secret not found" in the daemon log.',
    '',
    'Write `user:password`, one user per line. For `joe secret` the quick fix inserts the colon (`joe:secret`); it is',
    'the preferred fix when `joe` is a user that `auth users` names. Lines starting with `#` are treated as comments.',
  ],
  check(doc, report) {
    const named = new Set(
      doc.refs.flatMap((r) => (r.module.authUsers?.rules ?? []).filter((u) => !u.isGroup).map((u) => u.pattern)),
    );
    for (const line of doc.lines) {
      if (line.kind !== 'no-colon') continue;
      // The line's text is never quoted: it may well be a password on a line of its own. Only a
      // first word that auth users names is shown (in the fix title): that is a user name.
      const colon = insertColonEdit(doc.text, line.span);
      const isUser = !!colon && named.has(colon.user);
      report(line.span, 'this line has no `:`, so rsync never matches it; write `user:password`.', {
        ...(colon
          ? {
              fixes: [
                {
                  title: isUser
                    ? `Insert the colon after ${showName(colon.user)}`
                    : 'Insert the colon after the first word',
                  edits: [colon.edit],
                  ...(isUser ? { preferred: true } : {}),
                },
              ],
            }
          : {}),
      });
    }
  },
});
