import { defineRule } from '../../rule';
import { effective, type FtpsyncDoc } from '../model';
import { rsyncWords } from '../rsync-args';
import { fileSpan } from './util';

export const credentialsIncomplete = defineRule<FtpsyncDoc>({
  code: 'ftpsync/credentials-incomplete',
  severity: 'warning',
  summary: 'RSYNC_USER without RSYNC_PASSWORD, or a password without a user: the login the upstream expects fails.',
  docs: [
    'With RSYNC_USER and no password rsync asks for one on the terminal; a push or cron has none, so rsync sends an empty',
    'password ("@ERROR: auth failed on module debian", observed). With a password and no RSYNC_USER, rsync logs in as $USER',
    'or $LOGNAME, the local account (`archvsync`), which fails unless the upstream named your account the same (observed:',
    'auth failed). A `--password-file` in RSYNC_EXTRA counts as a password.',
  ],
  check(doc, report) {
    if (effective(doc, 'RSYNC_SOURCE').value) return;
    const user = effective(doc, 'RSYNC_USER');
    const password = effective(doc, 'RSYNC_PASSWORD');
    if (user.value === undefined || password.value === undefined) return;
    const extra = effective(doc, 'RSYNC_EXTRA').value ?? '';
    const passwordFile = rsyncWords(extra).options.some((o) => o.name === 'password-file');
    if (user.value && !password.value && !passwordFile) {
      const a = user.assignment;
      report(
        a ? { start: a.nameStart, end: a.end } : fileSpan(doc),
        'RSYNC_USER is set but RSYNC_PASSWORD is not: rsync has no terminal to ask on under a push or cron, sends an empty password, and the upstream answers "auth failed" (observed).',
      );
    } else if (!user.value && password.value) {
      const a = password.assignment;
      report(
        a ? { start: a.nameStart, end: a.nameEnd } : fileSpan(doc),
        'RSYNC_PASSWORD is set but RSYNC_USER is not: rsync logs in as the local account ($USER or $LOGNAME), which the upstream rejects unless your account there has the same name (observed: "auth failed"). Set RSYNC_USER to the account the upstream gave you.',
      );
    }
  },
});
