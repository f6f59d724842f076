import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';

export const unknownScheme = defineRule<MirrorListFile>({
  code: 'mirrors/unknown-scheme',
  severity: 'error',
  summary: 'Only ssh+ftpsync:// URLs are pushed; other schemes are skipped with a log line.',
  docs: [
    "When the third field matches runmirrors' URL pattern `^([a-z.+]+)://(([^@/]+)@)?([^/]+)(/.*)?$`, a scheme",
    'other than `ssh+ftpsync` logs "Trigger X: host have wrong scheme, ignoring" and the mirror is **not pushed**.',
    'A URL that does not match the pattern at all (upper-case scheme, empty host) is used as a host name.',
    '',
    'Write `ssh+ftpsync://user@host` or `ssh+ftpsync://user@host/archive`.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.host) continue;
      const scheme = entry.host.value.split('://')[0];
      const fix = {
        title: 'Use ssh+ftpsync://',
        edits: [{ start: entry.host.start, end: entry.host.start + scheme.length, newText: 'ssh+ftpsync' }],
        preferred: true,
      };
      if (entry.url && entry.url.scheme !== 'ssh+ftpsync') {
        report(
          { start: entry.host.start, end: entry.host.start + scheme.length },
          `runmirrors ignores this mirror: scheme ${show(entry.url.scheme)} is not ssh+ftpsync ("have wrong scheme, ignoring").`,
          { fixes: [fix] },
        );
      } else if (entry.urlLike) {
        report(
          entry.host,
          `${show(entry.host.value)} is not a URL runmirrors understands (lower-case scheme, host required); it would be used as a host name.`,
          {
            fixes: /^ssh\+ftpsync$/i.test(scheme) ? [fix] : [],
          },
        );
      }
    }
  },
});
