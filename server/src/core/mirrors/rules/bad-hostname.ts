import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';

/**
 * What ssh makes of a host name runmirrors passes as its destination: it has no `[address]` or
 * `name:port` syntax there (only in ssh:// URIs), so both are looked up as names and fail with
 * "Could not resolve hostname". A bare IPv6 address (several colons) is fine.
 */
export function hostProblem(
  host: string,
): { kind: 'brackets'; bare: string } | { kind: 'port'; name: string; port: string } | undefined {
  const h = host.replace(/\r$/, '');
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(h);
  if (bracketed)
    return bracketed[2] !== undefined
      ? { kind: 'port', name: bracketed[1], port: bracketed[2] }
      : { kind: 'brackets', bare: bracketed[1] };
  const port = /^([^:]+):(\d+)$/.exec(h);
  return port ? { kind: 'port', name: port[1], port: port[2] } : undefined;
}

export const badHostname = defineRule<MirrorListFile>({
  code: 'mirrors/bad-hostname',
  severity: 'error',
  summary: 'ssh cannot resolve a HostName written as `[address]` or `host:port`.',
  docs: [
    'runmirrors passes the HostName field to ssh as its destination. ssh has no `host:port` and no',
    '`[IPv6 address]` syntax there: `ssh mirror.example.org:2222` and `ssh [2001:db8::1]` fail with "Could not',
    'resolve hostname" (exit 255, OpenSSH 9.2 observed), so the downstream is never signalled.',
    '',
    'Write an IPv6 address without brackets (`2001:db8::1`), and a port as an ssh option after the user:',
    '`all eu.mirror mirror.example.org archvsync -p 2222`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.host || entry.url || entry.urlLike) continue;
      const problem = hostProblem(entry.host.value);
      if (!problem) continue;
      if (problem.kind === 'brackets') {
        report(
          entry.host,
          `ssh cannot resolve ${show(entry.host.value)}: the brackets are taken as part of the name. Write ${show(problem.bare)}.`,
          {
            fixes: [
              {
                title: `Remove the brackets: ${problem.bare}`,
                edits: [{ start: entry.host.start, end: entry.host.end, newText: problem.bare }],
                preferred: true,
              },
            ],
          },
        );
        continue;
      }
      const user = entry.user;
      const fixes =
        user && !entry.rest && !entry.endsWithCr
          ? [
              {
                title: `Use ${problem.name} and -p ${problem.port}`,
                edits: [
                  { start: entry.host.start, end: entry.host.end, newText: problem.name },
                  { start: user.end, end: user.end, newText: ` -p ${problem.port}` },
                ],
                preferred: true,
              },
            ]
          : [];
      report(
        entry.host,
        `ssh has no host:port syntax: it looks up ${show(entry.host.value)} as a name and fails. Write ${show(problem.name)} and \`-p ${problem.port}\` after the user.`,
        { fixes },
      );
    }
  },
});
