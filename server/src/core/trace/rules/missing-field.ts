import { defineRule } from '../../rule';
import { CHECKER_SHOWN_FIELDS } from '../fields';
import { fieldValue, type TraceDocument } from '../parser';

export const missingField = defineRule<TraceDocument>({
  code: 'trace/missing-field',
  severity: 'information',
  summary: 'A site trace without `Used ftpsync version`, `Upstream-mirror` or `Architectures-Configuration`.',
  docs: [
    "Debian's mirror checker shows a mirror's ftpsync version, configured upstream and architectures",
    'from its site trace, and "unknown" in red when a field is missing. ftpsync 20160306 and later write',
    'all three; a trace without them comes from an old ftpsync or another sync script.',
  ],
  check(doc, report) {
    // Only ftpsync site traces: dak's master trace and Ubuntu's date-only traces never have them.
    if (doc.kind !== 'site' && doc.kind !== 'stage1') return;
    if (!doc.fields.length) return;
    const missing = CHECKER_SHOWN_FIELDS.filter((name) => fieldValue(doc, name) === undefined);
    if (missing.length && doc.dateLine)
      report(
        doc.dateLine,
        `no ${missing.map((m) => `\`${m}\``).join(', ')}: the mirror checker shows "unknown" for ${missing.length === 1 ? 'it' : 'them'}.`,
      );
  },
});
