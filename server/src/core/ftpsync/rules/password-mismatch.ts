import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { loginVerdict } from './upstream-login';
import { fileSpan } from './util';

export const passwordMismatch = defineRule<FtpsyncDoc>({
  code: 'ftpsync/password-mismatch',
  severity: 'error',
  summary:
    "RSYNC_PASSWORD differs from RSYNC_USER's password in the upstream's secrets file (in the workspace); never shown.",
  docs: [
    "Checked when the upstream's rsyncd.conf and its secrets file are in the workspace (or, with file checks on, the",
    "secrets file is readable on this machine). rsync reads the first `user:` line of the module's `secrets file` and",
    'compares everything after the colon, trailing blanks included; a different password gets "@ERROR: auth failed on module"',
    'on every run. The passwords are compared here and never put into a message, hover or log.',
  ],
  check(doc, report, ctx) {
    const found = loginVerdict(doc, ctx);
    const verdict = found?.verdict;
    if (!found || !verdict) return;
    const span = found.password ? { start: found.password.nameStart, end: found.password.nameEnd } : fileSpan(doc);
    if (verdict.kind === 'password' && !verdict.matches) {
      report(
        span,
        `RSYNC_PASSWORD is not the password of this user in ${verdict.secretsPath} (line ${verdict.entry.line + 1}), which \`[${found.module.view.name}]\` (${found.module.conf.name}) checks: every login gets "auth failed".`,
      );
    } else if (verdict.kind === 'no-password-line') {
      report(
        span,
        `${verdict.secretsPath}, the secrets file of \`[${found.module.view.name}]\` (${found.module.conf.name}), has no line for this user: every login gets "auth failed".`,
      );
    }
  },
});
