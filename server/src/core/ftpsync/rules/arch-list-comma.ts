import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { isPlainSource, known, quote, replaceValue, valueSpanOf } from './util';

export const archListComma = defineRule<FtpsyncDoc>({
  code: 'ftpsync/arch-list-comma',
  severity: 'error',
  summary: 'Commas in ARCH_INCLUDE or ARCH_EXCLUDE: ftpsync splits on spaces only, so the names match nothing.',
  docs: [
    'ftpsync loops `for ARCH in ${ARCH_INCLUDE}`, splitting on blanks only, and builds rsync filters such as',
    '`--filter=include_/pool/**/*_${ARCH}.deb` from each word. `ARCH_INCLUDE="amd64,source"` is one word that matches no',
    'file: only `all` is included, so a run with rsync 3.5.0 kept nothing but `*_all.deb` (observed), and on an existing',
    'mirror the second pass (`--delete-excluded`) starts deleting everything else, up to 40000 files a run.',
    '`ARCH_EXCLUDE="arm64, i386"` excludes `arm64,` (nothing) and i386: arm64 is still mirrored (observed). Separate the names',
    'with spaces.',
  ],
  check(doc, report) {
    for (const name of ['ARCH_INCLUDE', 'ARCH_EXCLUDE']) {
      const setting = known(doc, name);
      if (!setting?.value.includes(',')) continue;
      const spaced = setting.value.replace(/\s*,\s*/g, ' ').trim();
      const effect =
        name === 'ARCH_INCLUDE'
          ? 'no such architecture exists, so only `all` is mirrored (observed: nothing but *_all.deb), and on an existing mirror the second pass deletes the rest'
          : 'names with a comma exclude nothing, so those architectures are still mirrored (observed)';
      report(
        valueSpanOf(setting.assignment),
        `ftpsync splits ${name} on blanks only: ${quote(setting.value)} gives ${setting.value
          .split(/\s+/)
          .filter(Boolean)
          .map((w) => quote(w))
          .join(', ')}; ${effect}.`,
        {
          fixes: isPlainSource(setting.source)
            ? [
                {
                  title: `Separate with spaces: "${spaced}"`,
                  preferred: true,
                  edits: [{ ...valueSpanOf(setting.assignment), newText: replaceValue(setting.source, spaced) }],
                },
              ]
            : [],
        },
      );
    }
  },
});
