import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const relativeServer = defineRule<InetdDocument>({
  code: 'inetd/relative-server',
  severity: 'error',
  summary: 'A server program without an absolute path: inetd runs it with execv, which searches no PATH.',
  docs: [
    'inetd starts the server program with execv(2), which takes the path as it is: `rsync` is looked up in',
    'inetd\'s working directory `/`, not in PATH. Every connection then fails ("execv rsync: No such file or',
    'directory" in the log) and the client sees the connection close (openbsd-inetd 0.20221205 observed).',
    '',
    'Write the full path, e.g. `/usr/bin/rsync`, or `internal` for the services inetd provides itself.',
  ],
  check(doc, report, ctx) {
    for (const entry of doc.entries) {
      const server = entry.server;
      if (!server) continue;
      const value = server.value.replace(/\r$/, '');
      if (value.startsWith('/') || value === 'internal') continue;
      const found = ['/usr/bin/', '/usr/sbin/', '/bin/', '/sbin/']
        .map((dir) => dir + value)
        .find((p) => !value.includes('/') && ctx.host?.stat(p)?.exists);
      report(
        server,
        `inetd runs ${show(value)} with execv, which does not search PATH: every connection fails. Write the absolute path${found ? ` (${show(found)} on this machine)` : ''}.`,
        {
          fixes: found
            ? [
                {
                  title: `Write ${found}`,
                  preferred: true,
                  edits: [{ ...server, end: server.start + value.length, newText: found }],
                },
              ]
            : [],
        },
      );
    }
  },
});
