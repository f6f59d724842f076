import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { firstWord, type MirrorEntry } from '../parser';

/** The key file a reader sees in `P KEY`, `PP KEY` or `P/KEY`. */
export function intendedKey(rest: string): { value: string; index: number } {
  const words = rest.split(/[ \t]+/);
  if (/^\d+$/.test(words[0]) && words.length > 1)
    return { value: words[1], index: rest.indexOf(words[1], words[0].length) };
  return { value: firstWord(rest.slice(1)), index: 1 };
}

function mangled(entry: MirrorEntry) {
  if (entry.restKind !== 'legacy' || !entry.rest || !entry.protocol || !entry.keyFile || !entry.keyRaw)
    return undefined;
  // Nothing from the third character on: mirrors/protocol-without-key.
  if (entry.keyRaw.value === '') return undefined;
  const intended = intendedKey(entry.rest.value);
  if (intended.value === '' || intended.value === entry.keyFile.value) return undefined;
  return intended;
}

export const keyFileMangled = defineRule<MirrorListFile>({
  code: 'mirrors/key-file-mangled',
  severity: 'error',
  summary:
    'runmirrors takes the key file from the third character of the field: with two blanks, `22` or `2/key` ssh gets another key, or none.',
  docs: [
    'For `… User 2 /path/key` runmirrors sets the protocol to the first character and the key file to',
    '`${MSSHOPT:2}` — everything from the **third** character on — and then keeps only its first word.',
    'Whatever the second character is, it is dropped:',
    '- `2  /k` (two blanks) or `22 /k`: the key starts with a blank, so runmirrors passes **no `-i`** at',
    '  all; ssh offers its default keys, and neither KEYFILE nor `/k` is used;',
    '- `2/k`: ssh gets `-i k`, a relative path.',
    '',
    'Observed with ftpsync 20180513+nmu1 and a logging fake ssh. Write the protocol, one space, the key file: `2 /k`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      const intended = mangled(entry);
      if (!intended || !entry.rest || !entry.protocol || !entry.keyFile || !entry.keyRaw) continue;
      const end = Math.min(entry.rest.start + intended.index + intended.value.length, entry.rest.end);
      const fix = {
        title: `Write \`${entry.protocol.value} ${intended.value}\``,
        edits: [{ start: entry.rest.start, end, newText: `${entry.protocol.value} ${intended.value}` }],
        preferred: true,
      };
      if (entry.keyFile.value === '') {
        report(
          { start: entry.rest.start, end },
          `runmirrors passes no -i for this line: the key file starts at the third character, which is a blank here. ssh offers its default keys; ${show(intended.value)} is never used.`,
          { fixes: [fix] },
        );
      } else {
        report(
          { start: entry.rest.start, end },
          `ssh receives -i ${show(entry.keyFile.value)}, not ${show(intended.value)}: runmirrors takes the key file from the third character of this field.`,
          { fixes: [fix] },
        );
      }
    }
  },
});
