import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';
import type { MirrorEntry } from '../parser';

export const duplicateShortName = defineRule<MirrorListFile>({
  code: 'mirrors/duplicate-short-name',
  severity: 'warning',
  summary: 'Two lines share a ShortName: they share one log file and one stage1 lock.',
  docs: [
    'runmirrors names the per-mirror log `LOGDIR/<ShortName>.log` and the staged lock',
    '`LOCKDIR/<ShortName>.stage1`. Two lines with the same name write into one log (you cannot tell which',
    "push failed) and a staged push may see the other mirror's lock and go on too early.",
    '',
    'Give every line its own ShortName, e.g. `eu.puccini` and `eu.puccini-v6`.',
  ],
  check(doc, report) {
    const seen = new Map<string, MirrorEntry>();
    for (const entry of mirrors(doc)) {
      if (!entry.name) continue;
      const first = seen.get(entry.name.value);
      if (first)
        report(
          entry.name,
          `ShortName ${entry.name.value} is already used on line ${first.line + 1}; both write LOGDIR/${entry.name.value}.log.`,
        );
      else seen.set(entry.name.value, entry);
    }
  },
});
