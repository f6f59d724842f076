import { meta, type MirrorRule } from '../check';

export const crlf: MirrorRule = {
  meta: meta('crlf', 'error', 'A Windows line ending (CR) stays in the last field: the user, key file or option gets a stray `\\r`.', [
    'runmirrors reads the list with bash `read`, which does not strip a carriage return. On a CRLF line',
    'the last field ends in `\\r`: the user becomes `archvsync\\r` (ssh logs in as a user that does not',
    'exist), a key file or a port gets `\\r` appended. Observed with ftpsync 20180513+nmu1.',
    '',
    'Save the file with LF line endings (`sed -i \'s/\\r$//\' runmirrors.mirror`).',
  ]),
  check(doc, report) {
    for (const entry of doc.entries) {
      if (!entry.endsWithCr) continue;
      report({ start: entry.span.end, end: entry.span.end + 1 }, 'CRLF line ending: runmirrors keeps the \\r in the last field of this line.', {
        fixes: [{ title: 'Remove the carriage return', edits: [{ start: entry.span.end, end: entry.span.end + 1, newText: '' }], preferred: true }],
      });
    }
  },
};
