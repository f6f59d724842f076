import { defineRule } from '../../rule';
import { ARCHITECTURES, SUITES } from '../archive-facts';
import type { FtpsyncDoc } from '../model';
import { filterOptions } from '../rsync-args';
import { optionSettings } from './options-util';
import { quote } from './util';

const BINARY = ARCHITECTURES.filter((a) => a !== 'source' && a !== 'all');
const ARCH_PATTERNS = new RegExp(`(?:binary-|installer-|Contents-(?:udeb-)?|_|arch-)(${BINARY.join('|')})(?:[./_*]|$)`);
const SUITE_PATTERN = new RegExp(`(?:^|[/*])(${SUITES.join('|')})(?:-[a-z-]+)?(?:[/*]|$)`);

export const excludeArchOrSuite = defineRule<FtpsyncDoc>({
  code: 'ftpsync/exclude-arch-or-suite',
  severity: 'warning',
  summary: 'EXCLUDE used for an architecture or a suite: ftpsync.conf(5) says it will not work.',
  docs: [
    'ftpsync.conf(5): "DO NOT TRY TO EXCLUDE ARCHITECTURES OR SUITES WITH THIS, IT WILL NOT WORK!". An architecture has',
    'files in many places (dists/*/binary-ARCH, installer-ARCH, Contents-ARCH, pool/**/*_ARCH.deb, .udeb, .changes):',
    '`--exclude=binary-i386/` left every `*_i386.deb` in pool/ and the trace still said `Architectures-Configuration: ALL`',
    "(observed), so the mirror checker counts i386 as served. Use ARCH_EXCLUDE. A suite's packages live in the shared",
    'pool/, so excluding its dists/ saves little and breaks the mirror for users of that suite.',
  ],
  check(doc, report) {
    const setting = optionSettings(doc).find((s) => s.name === 'EXCLUDE');
    if (!setting) return;
    for (const f of filterOptions(setting.words)) {
      if (f.option.valueIndex === undefined) continue;
      for (const rule of f.rules) {
        if (rule.action !== 'exclude') continue;
        const span = setting.span(f.option.valueIndex + rule.start, f.option.valueIndex + rule.end);
        const arch = ARCH_PATTERNS.exec(rule.pattern)?.[1];
        const suite = SUITE_PATTERN.exec(rule.pattern)?.[1];
        if (arch)
          report(
            span,
            `${quote(rule.pattern)} excludes part of architecture ${arch} only: its other files stay and the trace still claims all architectures (observed with binary-i386/). Use ARCH_EXCLUDE="${arch}".`,
          );
        else if (suite)
          report(
            span,
            `${quote(rule.pattern)} excludes suite ${suite} through EXCLUDE, which ftpsync.conf(5) says will not work: its packages stay in the shared pool/, and users of that suite get a broken mirror.`,
          );
      }
    }
  },
});
