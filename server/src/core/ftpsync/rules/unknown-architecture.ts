import { defineRule } from '../../rule';
import { closest } from '../../text';
import { ARCHITECTURE_ALIASES, ARCHITECTURES } from '../archive-facts';
import type { FtpsyncDoc } from '../model';
import { known, quote, wordSpan, words } from './util';

export const unknownArchitecture = defineRule<FtpsyncDoc>({
  code: 'ftpsync/unknown-architecture',
  severity: 'warning',
  summary:
    'A name in ARCH_INCLUDE/ARCH_EXCLUDE that is no Debian architecture (`x86_64`, `sh`): its filters match nothing.',
  docs: [
    "ftpsync turns each name into rsync filters on the archive's own directory and file names (`binary-NAME/`,",
    '`*_NAME.deb`, `installer-NAME/`, `Contents-NAME.gz`). A name Debian does not use matches nothing: in ARCH_INCLUDE it adds',
    'nothing, in ARCH_EXCLUDE it removes nothing. Debian spells them `amd64` (not x86_64), `arm64` (not aarch64), `ppc64el`,',
    '`sh4` (older samples listed `sh`); `source` and `all` count too. Names are case-sensitive.',
  ],
  check(doc, report) {
    for (const name of ['ARCH_INCLUDE', 'ARCH_EXCLUDE']) {
      const setting = known(doc, name);
      if (!setting) continue;
      let from = 0;
      for (const { word } of words(setting.value)) {
        if (word.includes(',') || ARCHITECTURES.includes(word)) continue;
        const span = wordSpan(doc, setting.assignment, word, from) ?? {
          start: setting.assignment.valueStart,
          end: setting.assignment.end,
        };
        from = span.end - setting.assignment.valueStart;
        const suggestion =
          ARCHITECTURE_ALIASES[word] ??
          ARCHITECTURE_ALIASES[word.toLowerCase()] ??
          (ARCHITECTURES.includes(word.toLowerCase()) ? word.toLowerCase() : closest(word, ARCHITECTURES)[0]);
        const effect = name === 'ARCH_INCLUDE' ? 'adds nothing to the mirror' : 'excludes nothing';
        report(
          span,
          `${quote(word)} is not a Debian architecture name: ftpsync's filters for it match no file, so it ${effect}${suggestion ? `; did you mean ${quote(suggestion)}?` : '.'}`,
          {
            fixes: suggestion
              ? [{ title: `Replace with ${suggestion}`, preferred: true, edits: [{ ...span, newText: suggestion }] }]
              : [],
          },
        );
      }
    }
  },
});
