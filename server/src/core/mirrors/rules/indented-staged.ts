import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';

export const indentedStaged = defineRule<MirrorListFile>({
  code: 'mirrors/indented-staged',
  severity: 'warning',
  summary: 'An indented staged/mhop line is pushed, but nobody waits for its stage1.',
  docs: [
    "runmirrors finds the mirrors to wait for with `egrep '^(staged|mhop)'` — the type must be at the very",
    'start of the line. An indented `staged` line is still pushed as staged, but its lock is not in the list',
    'the other staged mirrors wait for, so stage2 can start before it finished stage1.',
    '',
    'Remove the indentation.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.indented || (entry.type.value !== 'staged' && entry.type.value !== 'mhop')) continue;
      report(
        entry.type,
        `Indented ${entry.type.value} line: runmirrors' stage1 wait (egrep '^(staged|mhop)') does not see it.`,
        {
          fixes: [
            {
              title: 'Remove the indentation',
              edits: [{ start: entry.span.start, end: entry.type.start, newText: '' }],
              preferred: true,
            },
          ],
        },
      );
    }
  },
});
