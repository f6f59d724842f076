import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';

const FIELDS = ['socket type', 'protocol', 'wait/nowait', 'user', 'server program'];

export const missingField = defineRule<InetdDocument>({
  code: 'inetd/missing-field',
  severity: 'error',
  summary: 'A line that ends before the server program: inetd logs "syntax error in inetd config file" and skips it.',
  docs: [
    'Every inetd.conf line needs six fields before the arguments: service name, socket type, protocol,',
    '`wait` or `nowait`, user and server program (inetd.conf(5)). inetd reads the fields one by one and, when',
    'the line ends first, logs "syntax error in inetd config file" and goes on with the next line: the service',
    'is never offered (openbsd-inetd 0.20221205 observed).',
    '',
    'Write the whole line, as the seed does: `rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon`.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (entry.server) continue;
      const have = [entry.socketType, entry.protocol, entry.wait, entry.user].filter(Boolean).length;
      report(
        entry.span,
        `inetd skips this line ("syntax error in inetd config file"): it ends before the ${FIELDS[have]} field.`,
      );
    }
  },
});
