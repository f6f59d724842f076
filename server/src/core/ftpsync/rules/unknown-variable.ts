import { defineRule } from '../../rule';
import { closest } from '../../text';
import type { FtpsyncDoc } from '../model';
import { ENVIRONMENT_NAMES, IGNORED, INTERNAL, VARIABLE_NAMES, variable } from '../variables';

const CANDIDATES = [...VARIABLE_NAMES, ...Object.keys(INTERNAL)];

export const unknownVariable = defineRule<FtpsyncDoc>({
  code: 'ftpsync/unknown-variable',
  severity: 'warning',
  summary: 'A variable ftpsync never reads (a typo such as `ARCH_EXLUDE` or `FULLOGS`): the setting keeps its default.',
  docs: [
    'ftpsync reads a fixed set of variables (ftpsync.conf(5) and a few undocumented ones: RSYNC_SOURCE, RSYNC_SSL, PROGRAM,',
    'BINDIR, BASEDIR). bash accepts any name, so a typo is silent: `ARCH_EXLUDE="i386"` mirrors i386, `FULLOGS=true` attaches',
    'no rsync log. A variable the file itself uses later (`BASE=/srv; TO="$BASE/debian"`), an exported one and the',
    'environment variables rsync and ssh read are not reported. The quick fix renames it to the closest known name.',
  ],
  check(doc, report) {
    const used = new Set(doc.script.references.map((r) => r.name));
    for (const a of doc.script.assignments) {
      const name = a.name;
      if (a.how === 'temporary' || variable(name) || name in INTERNAL || name in IGNORED || ENVIRONMENT_NAMES.has(name))
        continue;
      if (used.has(name) || a.how === 'export' || doc.script.vars.get(name)?.exported) continue;
      // Lower-case names are a script's own helpers, not misspelt settings.
      if (!/[A-Z]/.test(name) || /[a-z]/.test(name)) continue;
      const suggestions = closest(name, CANDIDATES, (s) => s.toUpperCase());
      const span = { start: a.nameStart, end: a.nameEnd };
      if (suggestions.length) {
        const best = suggestions[0];
        report(
          span,
          `ftpsync never reads ${name}; did you mean ${best}? As written, ${best} keeps ${variable(best)?.default ? `its default (${variable(best)!.default})` : 'its default'}.`,
          {
            fixes: suggestions.map((s, i) => ({
              title: `Rename to ${s}`,
              preferred: i === 0,
              edits: [{ ...span, newText: s }],
            })),
          },
        );
      } else {
        report(span, `ftpsync never reads ${name}, and nothing in this file uses it.`);
      }
    }
  },
});
