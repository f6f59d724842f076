import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { hostProblem } from './bad-hostname';

export const badUrl = defineRule<MirrorListFile>({
  code: 'mirrors/bad-url',
  severity: 'error',
  summary: 'A ssh+ftpsync:// URL without a user, with a port or with a bracketed address makes ssh fail.',
  docs: [
    'From `ssh+ftpsync://user@host/archive` runmirrors takes the user, the host and the archive. Without',
    '`user@` it passes `-o user=`, which ssh rejects ("no argument after keyword \\"user\\"", exit 255).',
    'The host goes to ssh as it is written: a `:port` stays part of the name, and so do the brackets of',
    '`[2001:db8::1]` — ssh cannot resolve either ("Could not resolve hostname"). There is no port in the',
    'URL form. A bare IPv6 address (`ssh+ftpsync://archvsync@2001:db8::1`) works.',
    '',
    'Add the user; write an IPv6 address without brackets; for a port use the other form: `all name host user -p 2222`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.url || entry.url.scheme !== 'ssh+ftpsync' || !entry.host) continue;
      if (entry.url.user === undefined)
        report(
          entry.host,
          'No user in the URL: runmirrors passes `-o user=` and ssh refuses to start. Write ssh+ftpsync://user@host.',
        );
      const problem = hostProblem(entry.url.host);
      if (problem?.kind === 'brackets') {
        const bareUrl = entry.host.value.replace(/\r$/, '').replace(`[${problem.bare}]`, problem.bare);
        report(
          entry.host,
          `runmirrors passes ${show(entry.url.host)} to ssh with its brackets, and ssh cannot resolve that. Write ${show(bareUrl)}.`,
          {
            fixes: [
              {
                title: `Remove the brackets: ${problem.bare}`,
                edits: [{ start: entry.host.start, end: entry.host.end, newText: bareUrl }],
                preferred: true,
              },
            ],
          },
        );
      } else if (problem?.kind === 'port') {
        const user = entry.url.user ?? 'USER';
        report(
          entry.host,
          `runmirrors has no port in URLs: it would run \`ssh ${entry.url.host}\`. Use \`${problem.name} ${user} -p ${problem.port}\` instead.`,
          {
            fixes:
              entry.url.archive === undefined && !entry.user
                ? [
                    {
                      title: `Rewrite as host, user and -p ${problem.port}`,
                      edits: [
                        {
                          start: entry.host.start,
                          end: entry.host.end,
                          newText: `${problem.name} ${user} -p ${problem.port}`,
                        },
                      ],
                    },
                  ]
                : [],
          },
        );
      }
      if (entry.url.archive !== undefined && entry.url.archive.includes('/')) {
        report(
          entry.host,
          `Archive ${show(entry.url.archive)} contains a slash; ftpsync maps sync:archive:NAME to ftpsync-NAME.conf and replaces it with \`_\`.`,
        );
      }
    }
  },
});
