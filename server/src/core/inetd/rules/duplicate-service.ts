import { defineRule } from '../../rule';
import { entryKey, protocolName, type InetdDocument, type InetdEntry } from '../parser';
import { show } from './util';

export const duplicateService = defineRule<InetdDocument>({
  code: 'inetd/duplicate-service',
  severity: 'warning',
  summary: 'The same service, protocol and address twice: the later line replaces the earlier one.',
  docs: [
    'inetd keeps one entry per service name, protocol and listen address. A second line for the same three',
    'replaces the user, program and arguments of the first (the debug log says "REDO"), so only the last line',
    'is in effect (openbsd-inetd 0.20221205 observed).',
    '',
    'Keep one line per service, or comment out the old one (`#<off># ` is what update-inetd writes).',
  ],
  check(doc, report) {
    const seen = new Map<string, InetdEntry>();
    for (const entry of doc.entries) {
      if (!entry.server) continue;
      const key = entryKey(entry);
      const earlier = seen.get(key);
      if (earlier)
        report(
          earlier.span,
          `line ${entry.line + 1} is the same service (${show(entry.service.value)}/${protocolName(entry)} on ${entry.listenHost}) and replaces this line: inetd uses only the later one.`,
          { unnecessary: true },
        );
      seen.set(key, entry);
    }
  },
});
