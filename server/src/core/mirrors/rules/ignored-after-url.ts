import { meta, mirrors, type MirrorRule } from '../check';

export const ignoredAfterUrl: MirrorRule = {
  meta: meta('ignored-after-url', 'warning', 'Fields after a ssh+ftpsync:// URL are ignored: no user, protocol, key file or ssh options.', [
    'In the URL form runmirrors takes user, host and archive from the URL and never looks at the rest of',
    'the line: a key file or `-p 2222` written after it has no effect, and the master key (KEYFILE) is used.',
    '',
    'Use `Type ShortName HostName User -ssh-options` when you need options.',
  ]),
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.url || !entry.user) continue;
      const span = { start: entry.user.start, end: entry.rest?.end ?? entry.user.end };
      report(span, 'runmirrors ignores everything after a URL; these words have no effect.', {
        unnecessary: true,
        fixes: [{ title: 'Remove the ignored words', edits: [{ start: entry.host!.end, end: span.end, newText: '' }] }],
      });
    }
  },
};
