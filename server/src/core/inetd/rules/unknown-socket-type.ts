import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const unknownSocketType = defineRule<InetdDocument>({
  code: 'inetd/unknown-socket-type',
  severity: 'error',
  summary: 'A socket type other than `stream` or `dgram`: inetd never opens the socket.',
  docs: [
    "Debian's inetd (openbsd-inetd) knows the socket types `stream` and `dgram` only. Any other word (`streem`,",
    '`Stream`, `raw`) is kept as an invalid type and creating the listening socket fails ("ai_socktype not',
    'supported" in the log): the service is never offered.',
    '',
    'Write `stream` for rsync and every other TCP service.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      const type = entry.socketType;
      if (!type || !entry.server) continue;
      const value = type.value;
      if (value === 'stream' || value === 'dgram') continue;
      const guess = /^s/i.test(value) ? 'stream' : /^d/i.test(value) ? 'dgram' : undefined;
      report(
        type,
        `inetd knows only \`stream\` and \`dgram\`; with ${show(value)} it never opens this service's socket.`,
        {
          fixes: guess
            ? [{ title: `Change to \`${guess}\``, preferred: true, edits: [{ ...type, newText: guess }] }]
            : [],
        },
      );
    }
  },
});
