import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const missingArgv0 = defineRule<InetdDocument>({
  code: 'inetd/missing-argv0',
  severity: 'error',
  summary: "The first argument is the program's name (argv[0]), not an option: an option written there is lost.",
  docs: [
    "inetd passes the arguments as they are, starting with argv[0], the program's own name (inetd.conf(5): the",
    'arguments "should be just as arguments normally are, starting with argv[0]"). In',
    '`/usr/bin/rsync --daemon` the `--daemon` is argv[0]: rsync starts without it and answers the client with its',
    'version text or "Daemon option(s) used without --daemon." (rsync 3.5.0 under openbsd-inetd observed).',
    '',
    'Write the name first, as the seed does: `/usr/bin/rsync rsyncd --daemon`.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      const server = entry.server;
      const first = entry.args[0];
      if (!server || !first || !first.value.startsWith('-')) continue;
      const program = server.value.replace(/\r$/, '');
      if (program === 'internal' || program.endsWith('/tcpd')) continue;
      const name = program.slice(program.lastIndexOf('/') + 1) || program;
      report(
        first,
        `${show(first.value)} is argv[0], the program's name: ${show(name)} never sees it as an option. Put the name first: \`${name} ${first.value}\`.`,
        {
          fixes: [
            {
              title: `Insert argv[0] \`${name}\``,
              preferred: true,
              edits: [{ start: first.start, end: first.start, newText: `${name} ` }],
            },
          ],
        },
      );
    }
  },
});
