import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { pushType, type ListEntry } from '../parser';
import { analyzeSshOptions } from '../sshopts';

/**
 * Where the CR of a CRLF line ends up, when that changes what runmirrors does; undefined when it is
 * harmless or the line is broken for another reason (reported by its own rule).
 */
export function crEffect(entry: ListEntry): string | undefined {
  if (!entry.endsWithCr) return undefined;
  if (entry.kind === 'delay') {
    if (entry.seconds && !entry.mode)
      return `the seconds become \`${entry.seconds.value.replace(/\r$/, '')}\\r\`, which sleep rejects: no pause`;
    if (entry.mode?.value === 'stage1\r' && !entry.ignored)
      return 'the mode becomes `stage1\\r`: a plain sleep instead of waiting for the staged mirrors';
    return undefined;
  }
  // `DELAY\r`, `all\r`: the CR is part of the type.
  if (!entry.name) return 'the first field gets the \\r and is no type runmirrors knows';
  if (!pushType(entry)) return undefined;
  if (entry.url) {
    if (entry.user || entry.url.scheme !== 'ssh+ftpsync') return undefined;
    return entry.url.archive !== undefined
      ? 'the archive becomes `' + entry.url.archive + '\\r` (the downstream finds no ftpsync config for it)'
      : 'ssh gets the host name with a \\r ("hostname contains invalid characters")';
  }
  // No user: mirrors/missing-field (ssh refuses the empty `-o user=` first).
  if (!entry.user) return undefined;
  // ssh strips trailing whitespace, CR included, from `-o` values: `-o user=archvsync\r` logs in as archvsync.
  if (!entry.rest) return undefined;
  if (entry.restKind === 'legacy')
    return entry.keyFile && entry.keyFile.value.endsWith('\r')
      ? 'ssh gets `-i KEY\\r`, a key file that does not exist'
      : undefined;
  if (entry.restKind !== 'options') return undefined;
  const analysis = analyzeSshOptions(entry.rest);
  const last = analysis.words[analysis.words.length - 1];
  if (!last || !analysis.kept.includes(last)) return undefined;
  if (analysis.comment && last.start >= analysis.comment.start) return undefined;
  const owner = analysis.options.find((o) => o.arg === last || (o.token === last && o.arg?.end === last.end));
  if (owner?.flag === 'o') return undefined;
  return `ssh gets \`${last.value.replace(/\r$/, '')}\\r\` (a port, flag or file with a CR fails)`;
}

export const crlf = defineRule<MirrorListFile>({
  code: 'mirrors/crlf',
  severity: 'error',
  summary:
    'A Windows line ending (CR) stays in the last field; where that is a port, key file, host, archive or DELAY, the line breaks.',
  docs: [
    'runmirrors reads the list with bash `read`, which does not strip a carriage return: on a CRLF line the last',
    'field ends in `\\r`. What that breaks depends on the field (ftpsync 20180513+nmu1, OpenSSH 9.2 observed):',
    '- a port or flag (`-p 2222\\r`: "Bad port"), a key file (`2 /k\\r`: not found), a host or URL archive, a',
    '  DELAY number (sleep rejects `60\\r`, no pause) or `stage1` (a plain sleep instead) — reported;',
    '- the User field (`-o user=archvsync\\r`) and `-o Key=Value` options: ssh strips trailing whitespace from',
    '  these, so the push works — not reported, nor are words runmirrors ignores anyway.',
    '',
    "Save the file with LF line endings (`sed -i 's/\\r$//' runmirrors.mirror`).",
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      const effect = crEffect(entry);
      if (!effect) continue;
      report({ start: entry.span.end, end: entry.span.end + 1 }, `CRLF line ending: ${effect}.`, {
        fixes: [
          {
            title: 'Remove the carriage return',
            edits: [{ start: entry.span.end, end: entry.span.end + 1, newText: '' }],
            preferred: true,
          },
        ],
      });
    }
  },
});
