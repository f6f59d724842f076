import { defineRule } from '../../rule';
import { aliasKind } from '../archive-facts';
import type { FtpsyncDoc } from '../model';
import { known, quote, valueSpanOf } from './util';

export const rsyncHostAlias = defineRule<FtpsyncDoc>({
  code: 'ftpsync/rsync-host-alias',
  severity: 'warning',
  summary:
    'RSYNC_HOST is a round-robin or alias name (`ftp.de.debian.org`, `deb.debian.org`): sync from one named mirror.',
  docs: [
    'Judged by name only; the name is never resolved. debian.org/mirror/ftpmirror asks mirrors to sync from one specific',
    'host: `ftp.debian.org` and the country aliases `ftp.CC.debian.org` can point at a different machine from one run to the',
    'next, so a run can start from a newer state than the last one ended with; ftpsync-cron also fetches',
    '`http://RSYNC_HOST/RSYNC_PATH/project/trace/RSYNC_HOST`, which an alias does not publish. `deb.debian.org` (the CDN) and',
    'the old `httpredir.debian.org` redirector offer no rsync at all. Ask the mirror behind the alias for its own name, or',
    'pick a push-capable upstream from the mirror list.',
  ],
  check(doc, report) {
    const setting = known(doc, 'RSYNC_HOST');
    const kind = setting?.value ? aliasKind(setting.value) : undefined;
    if (!setting || !kind) return;
    report(
      valueSpanOf(setting.assignment),
      `${quote(setting.value)} is ${kind}; sync from one named mirror so every run starts from the state the last one ended with.`,
    );
  },
});
