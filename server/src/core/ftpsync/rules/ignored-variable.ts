import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { IGNORED } from '../variables';

export const ignoredVariable = defineRule<FtpsyncDoc>({
  code: 'ftpsync/ignored-variable',
  severity: 'warning',
  summary:
    'A setting from old samples or from runmirrors.conf (`LOCK=`, `TRACE=`, `KEYFILE=`) that ftpsync 20180513 ignores.',
  docs: [
    'Older ftpsync.conf samples let you set LOCK, TRACE, UPDATEREQUIRED, EXTENDEDTRACE and RSYNC_FILTER. ftpsync 20180513',
    'sets LOCK, TRACE and UPDATEREQUIRED itself right after reading the config (from TO and MIRRORNAME) and no longer reads',
    'the others, so the value in the file has no effect (observed: the lock is `TO/Archive-Update-in-Progress-MIRRORNAME`',
    'whatever LOCK says; only `ftpsync-cron` still reads LOCK). KEYFILE, PUSHDELAY and SSH_OPTS belong in runmirrors.conf.',
  ],
  check(doc, report) {
    for (const a of doc.script.assignments) {
      if (a.how === 'temporary' || a.unreached || !Object.hasOwn(IGNORED, a.name)) continue;
      report({ start: a.nameStart, end: a.nameEnd }, `${IGNORED[a.name]}.`, { unnecessary: true });
    }
  },
});
