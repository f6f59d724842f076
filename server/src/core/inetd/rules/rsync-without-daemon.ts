import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { afterArgv0, rsyncArgv0 } from '../rsync';
import { rsyncEntries } from './util';

export const rsyncWithoutDaemon = defineRule<InetdDocument>({
  code: 'inetd/rsync-without-daemon',
  severity: 'error',
  summary: 'rsync started by inetd without `--daemon`: it does not serve the client.',
  docs: [
    'Only `rsync --daemon` speaks the daemon protocol; with a socket on standard input it serves that one',
    'connection (rsync(1), `--daemon`). Without the option rsync starts as a client: with `--config` it answers',
    '"Daemon option(s) used without --daemon.", with no arguments it prints its version text, and the client',
    'reports "server sent … rather than greeting" (rsync 3.5.0 under openbsd-inetd observed).',
    '',
    'Add `--daemon` after argv[0], as the seed does: `/usr/bin/rsync rsyncd --daemon`.',
  ],
  check(doc, report) {
    for (const { rsync } of rsyncEntries(doc)) {
      if (rsync.daemon || rsync.argv0?.value.startsWith('--daemon')) continue;
      const span = rsync.argv0 ?? rsync.program;
      const insert = afterArgv0(rsync);
      report(
        span,
        'rsync runs here without `--daemon`: it answers clients with an error or its version text instead of the daemon.',
        {
          fixes: [
            {
              title: 'Add `--daemon`',
              preferred: true,
              edits: [{ ...insert, newText: rsync.argv0 ? ' --daemon' : ` ${rsyncArgv0(rsync)} --daemon` }],
            },
          ],
        },
      );
    }
  },
});
