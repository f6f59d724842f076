import { meta, mirrors, show, type MirrorRule } from '../check';

export const badUrl: MirrorRule = {
  meta: meta('bad-url', 'error', 'A ssh+ftpsync:// URL without a user, or with a port, makes ssh fail.', [
    'From `ssh+ftpsync://user@host/archive` runmirrors takes the user, the host and the archive. Without',
    '`user@` it passes `-o user=`, which ssh rejects ("no argument after keyword \\"user\\"", exit 255).',
    'A `:port` stays part of the host name (`ssh host:2222` cannot resolve it): there is no port in the',
    'URL form.',
    '',
    'Add the user; for a port use the other form: `all name host user -p 2222`.',
  ]),
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.url || entry.url.scheme !== 'ssh+ftpsync' || !entry.host) continue;
      if (entry.url.user === undefined) report(entry.host, 'No user in the URL: runmirrors passes `-o user=` and ssh refuses to start. Write ssh+ftpsync://user@host.');
      const port = /^(.*):(\d+)$/.exec(entry.url.host);
      if (port) {
        const user = entry.url.user ?? 'USER';
        report(entry.host, `runmirrors has no port in URLs: it would run \`ssh ${entry.url.host}\`. Use \`${port[1]} ${user} -p ${port[2]}\` instead.`, {
          fixes:
            entry.url.archive === undefined
              ? [{ title: `Rewrite as host, user and -p ${port[2]}`, edits: [{ start: entry.host.start, end: entry.host.end, newText: `${port[1]} ${user} -p ${port[2]}` }] }]
              : [],
        });
      }
      if (entry.url.archive !== undefined && entry.url.archive.includes('/')) {
        report(entry.host, `Archive ${show(entry.url.archive)} contains a slash; ftpsync maps sync:archive:NAME to ftpsync-NAME.conf and replaces it with \`_\`.`);
      }
    }
  },
};
