import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { percentVariables } from '../values';
import { memoByValue, quote, valueSpan } from './util';

/** Whether the loop below would report anything for this value (`log format` lines repeat in every module). */
const hasFinding = memoByValue(
  (v: string) =>
    v.includes('%%') || percentVariables(v).some((x) => !x.expands && v.slice(x.start - 1, x.start) !== '%'),
);

export const percentExpansion = defineRule<RsyncdDocument>({
  code: 'rsyncd/percent-expansion',
  severity: 'warning',
  summary: '`%%` or `%lowercase%` in a value; rsync 3.5.0 leaves them as written.',
  docs: [
    "rsync replaces `%NAME%` with the daemon's environment variable NAME only when NAME starts with an upper-case letter and is set;",
    '`%home%` stays literal. Although the man page recommends `%%` for a literal `%`, **3.5.0 does not turn `%%` into `%`**:',
    '`100%%` stays `100%%`. Write a single `%` where no variable follows.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of docIndex(doc).withPercent) {
      // In `log format`, `%%` and `%o%f` are log escapes (log.c prints `%` and the two fields), not variables.
      if (p.info?.type === 'format' || !hasFinding(p.value)) continue;
      for (let i = p.value.indexOf('%%'); i >= 0; i = p.value.indexOf('%%', i + 2)) {
        const span = valueSpan(p, i, i + 2);
        report(span, 'rsync 3.5.0 does not turn `%%` into `%`; the value keeps both characters.', {
          fixes: [{ title: 'Change to `%`', edits: [{ ...span, newText: '%' }] }],
        });
      }
      for (const v of percentVariables(p.value)) {
        if (v.expands || p.value.slice(v.start - 1, v.start) === '%') continue;
        report(
          valueSpan(p, v.start, v.end),
          `${quote('%' + v.name + '%')} is not expanded: only names starting with an upper-case letter are (e.g. ${quote('%' + v.name.toUpperCase() + '%')}).`,
        );
      }
    }
  },
});
