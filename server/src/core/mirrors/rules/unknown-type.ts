import { closest } from '../../text';
import { meta, mirrors, replace, show, type MirrorRule } from '../check';
import { PUSH_TYPES, pushType } from '../parser';

export const unknownType: MirrorRule = {
  meta: meta('unknown-type', 'error', 'The first field is not all, staged, mhop or DELAY: runmirrors silently pushes nothing.', [
    'runmirrors hands the first field to its `signal` function, which only knows `all`, `staged` and `mhop`',
    '(lower case). Anything else ("Can\'t decide? Then you get nothing.") writes the date into the mirror\'s log',
    'and returns **without running ssh** — no error, no mail. `DELAY` must be upper case.',
    '',
    'A type that merely *starts* with `staged` or `mhop` (e.g. `stagedx`) is worse: runmirrors\' `get2stage`',
    'greps `^(staged|mhop)` and waits up to PUSHDELAY (600 s) for this mirror\'s stage1 lock, which never comes.',
  ]),
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (pushType(entry)) continue;
      const value = entry.type.value;
      const suggestions = value.toUpperCase() === 'DELAY' ? ['DELAY'] : closest(value, [...PUSH_TYPES, 'DELAY'], (s) => s.toLowerCase());
      const stall = /^(staged|mhop)/.test(doc.text.slice(entry.span.start, entry.span.end))
        ? ' Because it starts with staged/mhop, every staged push also waits PUSHDELAY seconds for its stage1 lock.'
        : '';
      report(entry.type, `Unknown push type ${show(value)}: runmirrors pushes nothing for this line (types: all, staged, mhop; or DELAY).${stall}`, {
        fixes: suggestions.map((s, i) => ({ title: `Change to \`${s}\``, edits: [replace(entry.type, s)], ...(i === 0 ? { preferred: true } : {}) })),
      });
    }
  },
};
