import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { known, valueSpanOf, wordSpan, words } from './util';

export const sourceExcluded = defineRule<FtpsyncDoc>({
  code: 'ftpsync/source-excluded',
  severity: 'warning',
  summary: 'ARCH_EXCLUDE names `source`, or ARCH_INCLUDE leaves it out: a public mirror must carry source.',
  docs: [
    'ftpsync.conf(5): "the source architecture needs to be included on an official/public mirror". `source` in',
    'ARCH_EXCLUDE, or an ARCH_INCLUDE without it, leaves out dists/*/source and every .dsc, .tar.* and .diff.* in pool/',
    "(ftpsync's `arch_imexclude`); the trace then says `Architectures-Configuration: … ` without source. For a private",
    'mirror this is fine: turn the rule off in `pushMirror.rules`.',
  ],
  check(doc, report) {
    const exclude = known(doc, 'ARCH_EXCLUDE');
    if (exclude && words(exclude.value).some((w) => w.word === 'source')) {
      report(
        wordSpan(doc, exclude.assignment, 'source') ?? valueSpanOf(exclude.assignment),
        'ARCH_EXCLUDE leaves out the source packages; an official or public Debian mirror must carry them.',
      );
    }
    const include = known(doc, 'ARCH_INCLUDE');
    if (
      include?.value.trim() &&
      !include.value.includes(',') &&
      !words(include.value).some((w) => w.word === 'source')
    ) {
      report(
        valueSpanOf(include.assignment),
        'ARCH_INCLUDE has no `source`, so the source packages are left out; an official or public Debian mirror must carry them (add `source`).',
      );
    }
  },
});
