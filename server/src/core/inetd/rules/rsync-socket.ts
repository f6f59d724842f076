import { defineRule } from '../../rule';
import { waitMode, type InetdDocument } from '../parser';
import { rsyncEntries } from './util';

export const rsyncSocket = defineRule<InetdDocument>({
  code: 'inetd/rsync-socket',
  severity: 'error',
  summary: 'rsync needs `stream` and `nowait`: with `wait` or `dgram` no client is served.',
  docs: [
    "rsync's daemon protocol runs over one TCP connection per client. With `nowait` inetd accepts the",
    'connection and hands it to a new rsync on standard input, which is what `rsync --daemon` expects. With',
    '`wait` inetd hands over its *listening* socket instead: rsync fails on it, inetd starts it again for the',
    'same pending client, over and over, until it gives up on the service for ten minutes ("someone wants',
    'rsync" in a loop; openbsd-inetd 0.20221205 and rsync 3.5.0 observed). A `dgram` socket carries no',
    'connection at all.',
    '',
    'Write `rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon`, as the seed does.',
  ],
  check(doc, report) {
    for (const { entry } of rsyncEntries(doc)) {
      const type = entry.socketType;
      if (type?.value === 'dgram')
        report(type, 'rsync needs a `stream` socket: its daemon protocol runs over a TCP connection.', {
          fixes: [{ title: 'Change to `stream`', preferred: true, edits: [{ ...type, newText: 'stream' }] }],
        });
      const wait = entry.wait;
      if (wait && waitMode(entry) === 'wait' && type?.value === 'stream')
        report(
          { start: wait.start, end: wait.start + 4 },
          'with `wait` rsync gets the listening socket instead of a connection: it fails and inetd restarts it in a loop. rsync needs `nowait`.',
          {
            fixes: [
              {
                title: 'Change to `nowait`',
                preferred: true,
                edits: [{ start: wait.start, end: wait.start + 4, newText: 'nowait' }],
              },
            ],
          },
        );
    }
  },
});
