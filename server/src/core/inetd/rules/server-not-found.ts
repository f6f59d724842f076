import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { rsyncInvocation } from '../rsync';
import { show } from './util';

export const serverNotFound = defineRule<InetdDocument>({
  code: 'inetd/server-not-found',
  severity: 'error',
  summary: 'The server program (or the program tcpd runs) does not exist or is not executable on this machine.',
  docs: [
    'inetd checks nothing when it reads the file: it listens, and only when a client connects does execv fail',
    '("execv /usr/local/bin/rsync: No such file or directory" in the log). The client sees the connection reset.',
    "Debian's rsync is `/usr/bin/rsync`. Under tcpd, the program named after `/usr/sbin/tcpd` must exist too.",
    '',
    'Checked against this machine when `pushMirror.checkFileSystem` is on; turn it off when the file is for',
    'another host.',
  ],
  check(doc, report, ctx) {
    const host = ctx.host;
    if (!host) return;
    for (const entry of doc.entries) {
      const server = entry.server;
      if (!server) continue;
      const rsync = rsyncInvocation(entry);
      const targets = [{ word: server, path: server.value.replace(/\r$/, '') }];
      if (rsync?.tcpd) targets.push({ word: rsync.program, path: rsync.programPath });
      for (const { word, path } of targets) {
        if (!path.startsWith('/')) continue;
        const facts = host.stat(path);
        if (!facts?.exists)
          report(word, `${show(path)} does not exist on this machine: every connection to this service fails.`);
        else if (facts.isDirectory || (facts.mode !== undefined && (facts.mode & 0o111) === 0))
          report(word, `${show(path)} is not an executable file: every connection to this service fails.`);
      }
    }
  },
});
