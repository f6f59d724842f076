import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';

export const ignoredAfterUrl = defineRule<MirrorListFile>({
  code: 'mirrors/ignored-after-url',
  severity: 'warning',
  summary: 'Fields after a ssh+ftpsync:// URL are ignored: no user, protocol, key file or ssh options.',
  docs: [
    'In the URL form runmirrors takes user, host and archive from the URL and never looks at the rest of',
    'the line: a key file or `-p 2222` written after it has no effect, and the master key (KEYFILE) is used.',
    'A trailing `# comment` after the URL is not reported.',
    '',
    'Use `Type ShortName HostName User -ssh-options` when you need options.',
  ],
  check(doc, report) {
    for (const entry of mirrors(doc)) {
      if (!entry.url || !entry.user) continue;
      // A trailing `# comment` is ignored too, which is what its writer wanted: report only the words before it.
      const from = entry.user.start;
      const words = [...doc.text.slice(from, entry.rest?.end ?? entry.user.end).matchAll(/[^ \t]+/g)];
      const commentAt = words.findIndex((w) => w[0].startsWith('#'));
      const ignored = commentAt >= 0 ? words.slice(0, commentAt) : words;
      if (ignored.length === 0) continue;
      const last = ignored[ignored.length - 1];
      const span = { start: from, end: from + last.index + last[0].length };
      report(span, 'runmirrors ignores everything after a URL; these words have no effect.', {
        unnecessary: true,
        fixes: [{ title: 'Remove the ignored words', edits: [{ start: entry.host!.end, end: span.end, newText: '' }] }],
      });
    }
  },
});
