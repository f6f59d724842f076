import { defineRule } from '../../rule';
import { parseRfc2822 } from '../dates';
import type { TraceDocument } from '../parser';
import { isTrace } from './util';

const DATE_FIELDS = new Set(['date', 'date-started']);

export const invalidDateField = defineRule<TraceDocument>({
  code: 'trace/invalid-date-field',
  severity: 'warning',
  summary: '`Date` or `Date-Started` is not an RFC 2822 date.',
  docs: [
    'ftpsync writes `Date:` (when the sync ended) and `Date-Started:` (when it began) with `date -u -R`,',
    'for example `Sun, 06 Dec 2026 20:46:57 +0000`. Tools that measure how long a mirror takes to sync',
    '(Push Mirror among them) read these two; another format hides the sync time.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    for (const f of doc.fields) {
      if (!DATE_FIELDS.has(f.key.trim()) || f.value === '') continue;
      if (parseRfc2822(f.value) === undefined)
        report(
          f.valueSpan,
          `\`${f.name}\` is not an RFC 2822 date (\`date -u -R\` writes e.g. \`Sun, 06 Dec 2026 20:46:57 +0000\`).`,
        );
    }
  },
});
