import { defineRule } from '../../rule';
import type { TraceDocument } from '../parser';
import { isTrace } from './util';

export const architecturesComma = defineRule<TraceDocument>({
  code: 'trace/architectures-comma',
  severity: 'warning',
  summary: '`Architectures-Configuration` with commas: the mirror filtered for architectures that do not exist.',
  docs: [
    'ftpsync builds its rsync filters from ARCH_INCLUDE / ARCH_EXCLUDE split on blanks only and writes the',
    'list back into this field. `INCLUDE amd64,source` means it included one architecture named',
    "`amd64,source`: only `*_all.deb` were kept and, with stage 2's `--delete-excluded`, the rest of an",
    'existing mirror is deleted. `EXCLUDE arm64, i386` still mirrors arm64.',
    '',
    'Fix ftpsync.conf: `ARCH_INCLUDE="amd64 source"`.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    for (const f of doc.fields) {
      if (f.key.trim() !== 'architectures-configuration' || !f.value.includes(',')) continue;
      report(
        f.valueSpan,
        'commas in the architecture list: ftpsync splits it on blanks only, so the filter named architectures that do not exist.',
      );
    }
  },
});
