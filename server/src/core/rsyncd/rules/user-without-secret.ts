import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { authUsersWithoutSecret } from '../../secrets/crossfile';
import { normalizePath, resolveSecretsPath } from '../../secrets/modules';
import type { CheckContext } from '../../types';
import { someLine } from '../doc-index';
import { CLIENT_COMMANDS } from '../../commands';
import { quote } from './util';

export const userWithoutSecret = defineRule<RsyncdDocument>({
  code: 'rsyncd/user-without-secret',
  severity: 'error',
  summary: "A user `auth users` lets in has no line in the module's secrets file, so that login always fails.",
  docs: [
    "rsync looks up a user that `auth users` lets in in the module's `secrets file`, on a line starting exactly with `user:`;",
    'without one it logs "secret not found" and the client sees `@ERROR: auth failed on module …`. Checked when the',
    'secrets file is open or in the workspace, or, with `pushMirror.checkFileSystem`, on this machine. The secrets file',
    'shows the same problem as `secrets/missing-user`.',
    '',
    'The quick fix adds `user:` with a new random password to the secrets file (shown once, never logged).',
  ],
  scope: 'section',
  // A config that names itself as a secrets file reads its own (edited) text as one.
  context: (doc, ctx) => (namesItself(doc, ctx) ? doc.text : ''),
  check: (doc, report, ctx) => {
    for (const { rule, module, secretsPath } of authUsersWithoutSecret(doc, ctx)) {
      const title = `Add a line for ${quote(rule.pattern)} with a new password to ${quote(secretsPath)}`;
      report(
        rule.patternSpan,
        `${quote(rule.pattern)} is let in to \`[${module.name}]\` but has no line in its secrets file ${quote(secretsPath.slice(secretsPath.lastIndexOf('/') + 1))}, so rsync answers "secret not found" and the login fails.`,
        {
          fixes: [
            {
              title,
              edits: [],
              preferred: true,
              command: { id: CLIENT_COMMANDS.addSecretsLine, title, arguments: [rule.pattern, secretsPath] },
            },
          ],
        },
      );
    }
  },
});

function namesItself(doc: RsyncdDocument, ctx: CheckContext): boolean {
  const self = ctx.path && normalizePath(ctx.path);
  if (!self || !ctx.workspace?.some((d) => d.path !== undefined && normalizePath(d.path) === self)) return false;
  const seen = new Map<string, boolean>();
  return someLine(doc, 'secretsfile', (value) => {
    let found = seen.get(value);
    if (found === undefined) seen.set(value, (found = resolveSecretsPath(value, ctx.path) === self));
    return found;
  });
}
