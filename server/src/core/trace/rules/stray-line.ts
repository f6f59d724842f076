import { defineRule } from '../../rule';
import type { TraceDocument } from '../parser';
import { isTrace } from './util';

export const strayLine = defineRule<TraceDocument>({
  code: 'trace/stray-line',
  severity: 'information',
  summary: 'A line without `:` after the first: readers of traces skip it.',
  docs: [
    'After the date line every line of a trace is `Name: value`. The mirror checker and ftpsync skip a',
    "line without a colon, so whatever it says is lost. dak's `Using dak v1` in the master trace is the",
    'one such line the tools write themselves.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    for (const line of doc.stray) {
      if (doc.kind === 'master' && /^Using dak\b/.test(line.text)) continue;
      report(line, 'no `:` here, so readers of traces skip this line; write `Name: value`.');
    }
  },
});
