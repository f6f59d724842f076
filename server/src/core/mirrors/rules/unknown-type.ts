import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { closest } from '../../text';
import { mirrors, replace, show } from '../check';
import { PUSH_TYPES, pushType } from '../parser';

export const unknownType = defineRule<MirrorListFile>({
  code: 'mirrors/unknown-type',
  severity: 'error',
  summary: 'The first field is not all, staged, mhop or DELAY: runmirrors silently pushes nothing.',
  docs: [
    'runmirrors hands the first field to its `signal` function, which only knows `all`, `staged` and `mhop`',
    '(lower case). Anything else ("Can\'t decide? Then you get nothing.") writes the date into the mirror\'s log',
    'and returns **without running ssh** — no error, no mail. `DELAY` must be upper case.',
    '',
    "A type that merely *starts* with `staged` or `mhop` (e.g. `stagedx`) is worse: runmirrors' `get2stage`",
    "greps `^(staged|mhop)` and waits up to PUSHDELAY (600 s) for this mirror's stage1 lock, which never comes.",
    '',
    'The first runmirrors.mirror format (2008) had no Type: `eu.puccini puccini.debian.org archvsync 2 key` is read',
    'as type `eu.puccini`, and its fields shift by one.',
    '',
    'A file saved as "UTF-8 with BOM" starts with U+FEFF, which neither `egrep` nor `read` treats as blank: the',
    "first line's type is not `all` but `\\ufeffall`, and a first comment line is not skipped but read as a",
    "mirror line (with the sample's header, its fifth word is a letter and the whole list stops; observed).",
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (pushType(entry)) continue;
      if (entry.type.value.startsWith('\ufeff')) {
        // A byte order mark (a file saved as "UTF-8 with BOM") is not blank to egrep or read.
        const rest = entry.type.value.slice(1);
        const what = !rest.startsWith('#')
          ? `runmirrors reads the type as ${show(entry.type.value)}, not ${show(rest)}, and pushes nothing for this line`
          : entry.restKind === 'aborts'
            ? 'this comment line is not skipped: runmirrors reads it as a mirror line, and the letter starting its fifth word stops the whole list'
            : 'this comment line is not skipped: runmirrors reads it as a mirror line (which pushes nothing)';
        report(
          entry.type,
          `The file starts with a byte order mark (U+FEFF): ${what}. Save the file as UTF-8 without BOM.`,
          {
            fixes: [
              {
                title: 'Remove the byte order mark',
                edits: [{ start: entry.type.start, end: entry.type.start + 1, newText: '' }],
                preferred: true,
              },
            ],
          },
        );
        continue;
      }
      const value = entry.type.value;
      const suggestions =
        value.toUpperCase() === 'DELAY' ? ['DELAY'] : closest(value, [...PUSH_TYPES, 'DELAY'], (s) => s.toLowerCase());
      const stall = /^(staged|mhop)/.test(doc.text.slice(entry.span.start, entry.span.end))
        ? ' Because it starts with staged/mhop, every staged push also waits PUSHDELAY seconds for its stage1 lock.'
        : '';
      // `eu.puccini puccini.debian.org archvsync 2 key`: the pre-2009 format had no Type field.
      const untyped = suggestions.length === 0 && entry.host !== undefined && entry.user !== undefined;
      const hint = untyped
        ? ' If this line is in the old format without a Type (ShortName HostName User …), put `all` in front.'
        : '';
      report(
        entry.type,
        `Unknown push type ${show(value)}: runmirrors pushes nothing for this line (types: all, staged, mhop; or DELAY).${stall}${hint}`,
        {
          fixes: untyped
            ? [
                {
                  title: 'Insert the type `all`',
                  edits: [{ start: entry.type.start, end: entry.type.start, newText: 'all ' }],
                },
              ]
            : suggestions.map((s, i) => ({
                title: `Change to \`${s}\``,
                edits: [replace(entry.type, s)],
                ...(i === 0 ? { preferred: true } : {}),
              })),
        },
      );
    }
  },
});
