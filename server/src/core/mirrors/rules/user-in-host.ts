import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';

export const userInHost = defineRule<MirrorListFile>({
  code: 'mirrors/user-in-host',
  severity: 'warning',
  summary: 'A `user@` in the host wins over the User field: ssh logs in as that user.',
  docs: [
    'runmirrors runs `ssh -n HOST -o user=USER …` with the host first. ssh takes the user of a `user@host`',
    'destination as soon as it reads it, and keeps the first value of a setting, so `-o user=USER` from the',
    'User field (or from a ssh+ftpsync:// URL) is ignored: `all eu.m mirror@m.example.org archvsync` logs in',
    'as `mirror` (OpenSSH 9.2, `ssh -G` observed). Only reported when the two users differ.',
    '',
    'Write the host without `user@` and the user in the User field.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.host) continue;
      const host = (entry.url ? entry.url.host : entry.host.value).replace(/\r$/, '');
      const user = (entry.url ? entry.url.user : entry.user?.value)?.replace(/\r$/, '');
      const at = host.lastIndexOf('@');
      // Without a user, mirrors/missing-field or mirrors/bad-url already report the empty `-o user=`.
      if (at < 0 || !user) continue;
      const hostUser = host.slice(0, at);
      if (hostUser === user) continue;
      const bare = host.slice(at + 1);
      report(
        entry.host,
        `ssh logs in as ${show(hostUser)} from ${show(host)}: runmirrors passes the host before \`-o user=${user}\`, and ssh keeps the first user.`,
        {
          fixes: entry.url
            ? []
            : [
                {
                  title: `Log in as ${user}: remove ${hostUser}@`,
                  edits: [{ start: entry.host.start, end: entry.host.end, newText: bare }],
                },
                ...(entry.user
                  ? [
                      {
                        title: `Log in as ${hostUser}: move it to the User field`,
                        edits: [
                          { start: entry.host.start, end: entry.host.end, newText: bare },
                          { start: entry.user.start, end: entry.user.end, newText: hostUser },
                        ],
                      },
                    ]
                  : []),
              ],
        },
      );
    }
  },
});
