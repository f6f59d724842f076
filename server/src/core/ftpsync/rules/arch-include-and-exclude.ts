import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { known } from './util';

export const archIncludeAndExclude = defineRule<FtpsyncDoc>({
  code: 'ftpsync/arch-include-and-exclude',
  severity: 'error',
  summary: 'Both ARCH_INCLUDE and ARCH_EXCLUDE set: ftpsync refuses to run.',
  docs: [
    'ftpsync stops at once with "ARCH_EXCLUDE and ARCH_INCLUDE are mutually exclusive.  Set only one." on stderr (exit 1,',
    'observed), before it opens its log. An empty one does not count. Keep the one you mean and empty or remove the other.',
  ],
  check(doc, report) {
    const include = known(doc, 'ARCH_INCLUDE');
    const exclude = known(doc, 'ARCH_EXCLUDE');
    if (!include?.value || !exclude?.value) return;
    const later = include.assignment.start > exclude.assignment.start ? include : exclude;
    report(
      { start: later.assignment.nameStart, end: later.assignment.end },
      'ARCH_INCLUDE and ARCH_EXCLUDE are both set: ftpsync exits at once ("ARCH_EXCLUDE and ARCH_INCLUDE are mutually exclusive", observed) and syncs nothing. Set only one.',
    );
  },
});
