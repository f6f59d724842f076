import { defineRule } from '../../rule';
import type { TraceDocument } from '../parser';
import { isTrace } from './util';

export const duplicateField = defineRule<TraceDocument>({
  code: 'trace/duplicate-field',
  severity: 'warning',
  summary: 'A field appears twice: the mirror checker uses the last, ftpsync the first.',
  docs: [
    "Debian's mirror checker keeps fields in a dictionary keyed by the lower-cased name, so a later line",
    "wins. ftpsync's own reader (`extract_trace_field`, used for `Archive serial` by ftpsync and",
    'ftpsync-cron) stops at the first. With two lines the two readers see different values. Keep one.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    const first = new Map<string, number>();
    for (const f of doc.fields) {
      const seen = first.get(f.key);
      if (seen === undefined) first.set(f.key, f.line);
      else
        report(
          f.nameSpan,
          `\`${f.name}\` again (first on line ${seen + 1}): the mirror checker reads this one, ftpsync the first.`,
        );
    }
  },
});
