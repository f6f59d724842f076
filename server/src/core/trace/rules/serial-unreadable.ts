import { defineRule } from '../../rule';
import { ftpsyncFieldValue, type TraceDocument } from '../parser';
import { isTrace } from './util';

export const serialUnreadable = defineRule<TraceDocument>({
  code: 'trace/serial-unreadable',
  severity: 'warning',
  summary: 'ftpsync cannot read this `Archive serial` (it wants exactly `Archive serial: `), or it wrote `unknown`.',
  docs: [
    'ftpsync copies the serial from its `project/trace/master` into its own trace with',
    "`awk -F': ' '$1==\"Archive serial\"'`: the name is compared with its case and blanks, and a `: ` must",
    'follow. `Archive Serial:` (as the package README spells it) or `Archive serial:2026…` is not found,',
    "and every downstream then writes `Archive serial: unknown`. ftpsync-cron reads the upstream's",
    'trace the same way to decide whether to sync, and fails with "Failed to parse archive serial".',
    '',
    'Write `Archive serial: <serial>`. In a site trace, `unknown` means the mirror had no readable',
    'serial in its master trace when it finished.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    const serials = doc.fields.filter((f) => f.key.trim() === 'archive serial');
    if (!serials.length) return;
    const readable = ftpsyncFieldValue(doc, 'Archive serial');
    if (readable === undefined) {
      const f = serials[0]!;
      report(
        f.span,
        `ftpsync does not find this serial: it reads \`Archive serial: \` exactly (case, blanks and the space after the colon), so downstreams write \`Archive serial: unknown\`.`,
      );
    } else if (readable === 'unknown') {
      const f = serials.find((s) => s.value === 'unknown') ?? serials[0]!;
      report(
        f.valueSpan,
        '`unknown`: ftpsync found no readable `Archive serial` in its master trace when it finished, so this trace says nothing about the archive version.',
      );
    }
  },
});
