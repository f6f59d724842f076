import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { delays, replace, show } from '../check';

/** What GNU sleep accepts as one interval: a non-negative decimal number with an optional s/m/h/d suffix. */
export const SLEEP_INTERVAL = /^(\d+\.?\d*|\.\d+)[smhd]?$/;

export const malformedDelay = defineRule<MirrorListFile>({
  code: 'mirrors/malformed-delay',
  severity: 'error',
  summary: 'DELAY takes a number of seconds; anything else means no pause at all.',
  docs: [
    '`DELAY n` makes runmirrors run `sleep n` between the lines before and after it; `DELAY` alone sleeps',
    '600 seconds. `sleep` rejects a value that is not a number (GNU sleep also takes `1.5`, `2m`), and',
    'runmirrors then goes on **without waiting**.',
    '',
    '`DELAY n stage1` waits until every staged mirror finished stage1, at most `n` seconds; that wait is',
    'shell arithmetic, so only whole seconds work there (with `90s` it does not wait at all).',
  ],
  check(doc, report) {
    for (const entry of delays(doc)) {
      const seconds = entry.seconds;
      if (!seconds) continue;
      const value = seconds.value.replace(/\r$/, '');
      const digits = value.replace(/[^\d]/g, '');
      const fixes = digits
        ? [{ title: `Use ${digits} seconds`, edits: [replace(seconds, digits)], preferred: true }]
        : [];
      if (entry.mode?.value === 'stage1') {
        if (!/^\d+$/.test(value))
          report(
            seconds,
            `DELAY … stage1 needs whole seconds; with ${show(value)} runmirrors does not wait for the staged mirrors at all.`,
            { fixes },
          );
      } else if (!SLEEP_INTERVAL.test(value)) {
        report(seconds, `sleep rejects ${show(value)}: runmirrors goes on without pausing.`, { fixes });
      }
    }
  },
});
