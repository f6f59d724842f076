import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { loginVerdict } from './upstream-login';
import { valueSpanOf } from './util';

export const userNotAllowed = defineRule<FtpsyncDoc>({
  code: 'ftpsync/user-not-allowed',
  severity: 'error',
  summary: "RSYNC_USER is not let in by the `auth users` of the upstream's module (in the workspace).",
  docs: [
    "Checked when the upstream's rsyncd.conf is in the workspace. rsync tries the module's `auth users` rules in order and",
    'the first match decides; a user no rule lets in, or one a `:deny` rule matches first, gets "@ERROR: auth failed on',
    'module" on every run. `@group` rules before the user depend on the groups on the daemon\'s host and are not judged.',
  ],
  check(doc, report, ctx) {
    const found = loginVerdict(doc, ctx);
    if (found?.verdict.kind !== 'user-unknown') return;
    const where = `\`[${found.module.view.name}]\` (${found.module.conf.name})`;
    report(
      valueSpanOf(found.user),
      found.verdict.why === 'denied'
        ? `the \`auth users\` of ${where} deny this user: every login gets "auth failed".`
        : `this user is not in the \`auth users\` of ${where}: every login gets "auth failed on module ${found.module.view.name}".`,
    );
  },
});
