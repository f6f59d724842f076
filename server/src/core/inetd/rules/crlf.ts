import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const crlf = defineRule<InetdDocument>({
  code: 'inetd/crlf',
  severity: 'error',
  summary: "A Windows line ending: the CR becomes part of the line's last word.",
  docs: [
    'inetd reads lines with fgets() and removes only the `\\n`; words are separated by spaces and tabs only.',
    'On a line saved with CRLF the carriage return stays on the last word: the program gets `--daemon\\r` or',
    '`--config=/etc/rsyncd.conf\\r`. rsync then fails to open `/etc/rsyncd.conf\\r` and resets every',
    'connection (openbsd-inetd 0.20221205 and rsync 3.5.0 observed).',
    '',
    "Save the file with LF line endings (`sed -i 's/\\r$//' /etc/inetd.conf`).",
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      for (const word of entry.words) {
        if (!word.value.endsWith('\r')) continue;
        const cr = { start: word.end - 1, end: word.end };
        report(cr, `CRLF line ending: inetd keeps the carriage return, so the word is ${show(word.value)}.`, {
          fixes: [{ title: 'Remove the carriage return', preferred: true, edits: [{ ...cr, newText: '' }] }],
        });
      }
    }
  },
});
