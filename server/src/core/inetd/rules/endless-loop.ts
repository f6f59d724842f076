import { defineRule } from '../../rule';
import { readTwice, type InetdDocument } from '../parser';

/** Fields up to and including the protocol: the IPv6 pass must find them on the entry's first line. */
const THROUGH_PROTOCOL = 3;

export const endlessLoop = defineRule<InetdDocument>({
  code: 'inetd/endless-loop',
  severity: 'error',
  summary:
    "An entry whose first line ends before the protocol, continued on indented lines: Debian's inetd loops forever.",
  docs: [
    "Debian's openbsd-inetd reads a `tcp` or `udp` line twice, once for IPv4 and once for IPv6; for the second",
    "pass it keeps a copy of the entry's *first line* only. A line that starts with a blank continues the entry",
    'above it, and an empty line followed by an indented line starts an entry on the empty line. When that first',
    'line ends before the protocol field, the second pass finds no protocol, skips the "line", and tries the same',
    'copy again, forever: inetd spins at 100% CPU and never finishes reading the file, so no service in it',
    'answers, not even those above (openbsd-inetd 0.20221205-2~deb12u1 observed).',
    '',
    'Remove the empty line, or write the service name, socket type and protocol on one line. `tcp4`/`tcp6`',
    'entries are read once and are not affected.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (!entry.continuations.length || !readTwice(entry)) continue;
      if (entry.fieldsOnFirstLine >= THROUGH_PROTOCOL) continue;
      const blank =
        entry.firstLine.end === entry.firstLine.start ||
        !doc.text.slice(entry.firstLine.start, entry.firstLine.end).trim();
      report(
        blank ? { start: entry.firstLine.start, end: entry.continuations[0].span.end } : entry.firstLine,
        blank
          ? 'inetd never finishes reading this file: this empty line followed by an indented line makes its IPv6 pass loop forever (100% CPU). No service in the file answers. Remove the empty line or the indent.'
          : 'inetd never finishes reading this file: the IPv6 pass re-reads only this first line, which ends before the protocol, and loops forever (100% CPU). No service in the file answers. Write service, socket type and protocol on this line.',
      );
    }
  },
});
