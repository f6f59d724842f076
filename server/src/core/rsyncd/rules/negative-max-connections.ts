import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { atoi } from '../values';
import { isIgnored, paramsWithKey } from './util';

export const negativeMaxConnections = defineRule<RsyncdDocument>({
  code: 'rsyncd/negative-max-connections',
  severity: 'error',
  summary: 'Negative `max connections` disables the module.',
  docs: [
    '`max connections = 0` means no limit; a **negative** value refuses every client with',
    '`@ERROR: max connections (-1) reached -- try again later`. Use 0 for unlimited or a positive limit.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of paramsWithKey(doc, 'maxconnections')) {
      if (isIgnored(p)) continue;
      const n = atoi(p.value);
      if (n.number >= 0) continue;
      report(
        p.valueSpan,
        `max connections = ${n.number} refuses every client ("max connections (${n.number}) reached"); use 0 for no limit.`,
        {
          fixes: [{ title: 'Change to `0` (no limit)', edits: [{ ...p.valueSpan, newText: '0' }] }],
        },
      );
    }
  },
});
