import { defineRule } from '../../rule';
import type { TraceDocument } from '../parser';
import { isTrace } from './util';

export const invalidDateLine = defineRule<TraceDocument>({
  code: 'trace/invalid-date-line',
  severity: 'error',
  summary: "The first line is not `date -u` output, so Debian's mirror checker rejects the whole trace.",
  docs: [
    "Debian's mirror checker reads a trace's first line with `strptime('%a %b %d %H:%M:%S UTC %Y')` (or `GMT`)",
    'and nothing else: no `Date:` field, no other date format, nothing after the year (a `\\r` from a CRLF',
    'file counts). When that fails the check ends with "Invalid tracefile", which scores like a mirror',
    'that is days behind.',
    '',
    "ftpsync, dak and Ubuntu's mirror scripts all write `LC_ALL=POSIX date -u` there, for example",
    '`Sun Dec  6 20:46:57 UTC 2026`. Write traces with the real tools, or start the file with that line.',
  ],
  check(doc, report) {
    if (!isTrace(doc)) return;
    const line = doc.dateLine;
    if (!line) return report({ start: 0, end: 0 }, 'empty trace: the first line must be `date -u` output.');
    if (line.time !== undefined) return;
    const why = line.text.endsWith('\r')
      ? 'it ends in a carriage return (CRLF line ends)'
      : doc.firstLineIsField
        ? 'it is a field; the date line is missing'
        : 'it does not read as `%a %b %d %H:%M:%S UTC %Y`';
    report(line, `the mirror checker calls this trace invalid: the first line must be \`date -u\` output, and ${why}.`);
  },
});
