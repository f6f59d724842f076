import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';
import { pushType } from '../parser';

export const missingField = defineRule<MirrorListFile>({
  code: 'mirrors/missing-field',
  severity: 'error',
  summary: 'A mirror line needs Type, ShortName and either HostName and User or a ssh+ftpsync:// URL.',
  docs: [
    'runmirrors does not check the line: a missing host makes it run `ssh -n ""`, a missing user gives',
    '`-o user=` which ssh rejects ("no argument after keyword \\"user\\"", exit 255). A missing ShortName',
    'writes the log to `LOGDIR/.log`.',
    '',
    'Write `Type ShortName HostName User`, or `Type ShortName ssh+ftpsync://user@host[/archive]`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!pushType(entry)) continue;
      const end = { start: entry.span.end, end: entry.span.end };
      if (!entry.name) report(entry.type, 'Missing ShortName, HostName and User: runmirrors cannot push this mirror.');
      else if (!entry.host)
        report(entry.name, `Missing HostName and User for ${entry.name.value} (or a ssh+ftpsync://user@host URL).`);
      else if (!entry.url && !entry.urlLike && !entry.user)
        report(
          entry.host.end === entry.span.end ? entry.host : end,
          `Missing User for ${entry.name.value}: runmirrors would pass \`-o user=\`, which ssh rejects.`,
        );
    }
  },
});
