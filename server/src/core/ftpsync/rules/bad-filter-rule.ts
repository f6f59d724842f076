import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { filterOptions } from '../rsync-args';
import { optionSettings } from './options-util';

export const badFilterRule = defineRule<FtpsyncDoc>({
  code: 'ftpsync/bad-filter-rule',
  severity: 'error',
  summary: 'A `--filter`, `--exclude` or `--include` rule rsync rejects: every rsync call of the sync fails.',
  docs: [
    "The rules in EXCLUDE, RSYNC_EXTRA and RSYNC_OPTIONS* are read by rsync 3.5.0's exclude.c, the same reader Push Mirror",
    'uses. A rule it rejects ("Unknown filter rule", "invalid modifier", "unexpected end of filter rule") stops rsync with a',
    'syntax error (code 1) before it connects, so both passes fail on every run. In `--filter` the rule needs a prefix and a',
    'blank or `_` before the pattern (`--filter=- *.iso`, `--filter=exclude_*.iso`); `--exclude` and `--include` take the',
    'pattern alone.',
  ],
  check(doc, report) {
    for (const setting of optionSettings(doc)) {
      for (const f of filterOptions(setting.words)) {
        if (!f.error || f.option.valueIndex === undefined) continue;
        const from = f.option.valueIndex + f.error.start;
        report(
          setting.span(from, Math.max(from + 1, f.option.valueIndex + f.error.end)),
          `rsync rejects this rule in ${setting.name} ("${f.error.message}"): every rsync call fails with a syntax error, so nothing syncs.`,
        );
      }
    }
  },
});
