import { defineRule } from '../../rule';
import { aliasKind } from '../archive-facts';
import type { FtpsyncDoc } from '../model';
import { known, quote, valueSpanOf } from './util';

export const mirrornameNotSiteName = defineRule<FtpsyncDoc>({
  code: 'ftpsync/mirrorname-not-site-name',
  severity: 'warning',
  summary: 'MIRRORNAME that is not one full host name (`Tietar`, `ftp.de.debian.org`): no trace under the listed name.',
  docs: [
    "MIRRORNAME names the trace file. Debian's mirror checker fetches `project/trace/<site>` for the name the mirror is listed",
    'under and reports "sitetrace unavailable" otherwise. A short name is never that name; `ftp.CC.debian.org` and',
    '`ftp.debian.org` are service aliases, and ftpsync\'s README says such a name "is always wrong" as a trace name (an',
    "alias moves between machines, and two mirrors would write the same trace). Use the mirror's own full host name.",
  ],
  check(doc, report) {
    const setting = known(doc, 'MIRRORNAME');
    if (!setting?.value) return;
    const name = setting.value;
    let why: string | undefined;
    if (/[\s/]/.test(name)) why = 'it contains a blank or a slash, which breaks the trace file name';
    else if (aliasKind(name) && /debian\.org\.?$/i.test(name))
      why = 'it is a Debian service alias, "always wrong" as a trace name (ftpsync README)';
    else if (!name.includes('.')) why = 'it is not a full host name';
    if (why)
      report(
        valueSpanOf(setting.assignment),
        `MIRRORNAME=${quote(name)}: ${why}; the mirror checker looks for project/trace/<the listed host name> and reports "sitetrace unavailable".`,
      );
  },
});
