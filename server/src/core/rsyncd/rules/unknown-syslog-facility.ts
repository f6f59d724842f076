import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { closest } from '../../text';
import { atoi, FACILITIES } from '../values';
import { hasExpansion, isIgnored, paramsWithKey, quote } from './util';

export const unknownSyslogFacility = defineRule<RsyncdDocument>({
  code: 'rsyncd/unknown-syslog-facility',
  severity: 'error',
  summary: 'Unknown `syslog facility`; rsync silently keeps `daemon`.',
  docs: [
    'rsync knows `auth authpriv cron daemon ftp kern lpr mail news security syslog user uucp local0`…`local7` (any case).',
    'Any other name is ignored **without a message** and the default `daemon` stays; a positive number is used as a raw facility value.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of paramsWithKey(doc, 'syslogfacility')) {
      if (isIgnored(p) || hasExpansion(p.value)) continue;
      const lower = p.value.toLowerCase();
      if ((FACILITIES as readonly string[]).includes(lower) || atoi(p.value).number > 0) continue;
      const near = closest(lower, FACILITIES);
      report(
        p.value ? p.valueSpan : p.nameSpan,
        `unknown syslog facility ${quote(p.value)}${near.length ? `; did you mean ${quote(near[0])}?` : ''} rsync silently keeps \`daemon\`.`,
        {
          fixes: near
            .slice(0, 1)
            .map((f) => ({ title: `Change to \`${f}\``, preferred: true, edits: [{ ...p.valueSpan, newText: f }] })),
        },
      );
    }
  },
});
