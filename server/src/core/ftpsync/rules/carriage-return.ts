import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import type { FtpsyncDoc } from '../model';

export const carriageReturn = defineRule<FtpsyncDoc>({
  code: 'ftpsync/carriage-return',
  severity: 'error',
  summary: 'Windows line ends (CR LF): to bash every value ends in a carriage return.',
  docs: [
    'bash treats a carriage return as an ordinary character: with CR LF line ends `RSYNC_EXTRA="--contimeout=5"` gives',
    '`--contimeout=5\\r`, which rsync rejects ("invalid numeric value", observed), a host name ending in CR does not resolve,',
    "and a blank line is a command named `$'\\r'` that bash cannot find, so ftpsync exits (status 127, observed). The quick fix",
    'converts the file to LF line ends.',
  ],
  check(doc, report) {
    const first = doc.text.indexOf('\r\n');
    if (first < 0) return;
    const edits: TextEdit[] = [];
    for (let i = first; i >= 0; i = doc.text.indexOf('\r\n', i + 2)) edits.push({ start: i, end: i + 1, newText: '' });
    report(
      { start: first, end: first + 1 },
      `the file has Windows line ends (${edits.length} CR LF): bash keeps each CR, so values end in \\r and a blank line is a command bash cannot find; ftpsync fails (observed).`,
      {
        fixes: [{ title: 'Convert to LF line ends', preferred: true, edits }],
      },
    );
  },
});
