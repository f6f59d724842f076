import { defineRule } from '../../rule';
import type { TraceDocument } from '../parser';

export const hierarchyLine = defineRule<TraceDocument>({
  code: 'trace/hierarchy-line',
  severity: 'warning',
  summary: 'A `_hierarchy` line that is not `<tracefile> <MIRRORNAME> <TRACEHOST> <RSYNC_HOST>`.',
  docs: [
    'ftpsync appends one line per mirror to `project/trace/_hierarchy`: the trace file it wrote, its',
    'MIRRORNAME, its TRACEHOST and the RSYNC_HOST it pulled from, separated by single spaces. Each',
    "mirror copies its upstream's lines first (`_hierarchy.mirror`), so the file reads root first.",
    'A line with more or fewer words (an empty RSYNC_HOST, a MIRRORNAME with a blank in it) cannot be',
    'placed in the hierarchy.',
  ],
  check(doc, report) {
    if (doc.kind !== 'hierarchy') return;
    for (const line of doc.bad) {
      const n = line.text.trim().split(/\s+/).length;
      report(
        line,
        `${n} word${n === 1 ? '' : 's'}; a _hierarchy line is \`<tracefile> <MIRRORNAME> <TRACEHOST> <RSYNC_HOST>\`.`,
      );
    }
  },
});
