import { defineRule } from '../../rule';
import type { Fix, Span } from '../../types';
import { cleanLines } from '../analysis';
import type { AuthorizedKeysDocument, KeyOption } from '../parser';
import { valueSpanAt } from '../values';

export const listEntryNeverMatches = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/list-entry-never-matches',
  severity: 'warning',
  summary: 'An entry of a `from=` or `principals=` list that can never match (a space in it, or after an empty entry).',
  docs: [
    'sshd splits `from="…"` and `principals="…"` at commas only: a space after a comma belongs to the next entry. In',
    '`from="192.0.2.1, 192.0.2.2"` the second entry is ` 192.0.2.2`, which is no address and, as a pattern, matches no',
    'client; in `principals="mirror, backup"` a certificate for `backup` is refused. Write the lists without spaces.',
    '',
    'sshd reads `principals` only up to the first empty entry (match_principals_option; Debian 12 carries the fix for',
    'CVE-2026-35414, which compares each entry with strcmp): in `principals="a,,b"` the principal `b` is never accepted, and',
    '`principals=""` accepts no certificate at all.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      for (const item of line.options?.items ?? []) {
        const name = item.spec?.name;
        if ((name !== 'from' && name !== 'principals') || item.value === undefined || item.broken) continue;
        const span = (from: number, to: number): Span => valueSpanAt(doc.text, item, from, to);
        if (name === 'principals' && item.value === '') {
          report(item, '`principals=""` lists no principal: sshd accepts no certificate with this line.');
          continue;
        }
        let at = 0;
        for (const raw of item.value.split(',')) {
          const from = at;
          at += raw.length + 1;
          if (name === 'principals' && raw === '') {
            report(
              span(Math.max(0, from - 1), from),
              `sshd stops reading \`principals\` at this empty entry: the principals after it are never accepted. Remove the extra comma.`,
              {
                fixes: [removeFix(doc, item, Math.max(0, from - 1), from)],
              },
            );
            break;
          }
          const bare = raw.replace(/^!/, '');
          if (!/[ \t]/.test(bare) || (name === 'from' && bare.trim() === '')) continue;
          const trimmed = raw.replace(/^(!?)[ \t]+/, '$1').replace(/[ \t]+$/, '');
          const what =
            name === 'from'
              ? raw.startsWith('!')
                ? 'so this exclusion never excludes anything'
                : 'so this entry matches no client'
              : `so a certificate for \`${trimmed}\` is refused`;
          report(
            span(from, from + raw.length),
            `\`${raw}\` contains a space, which sshd keeps as part of the ${name === 'from' ? 'pattern' : 'name'} (${name} is split at commas only), ${what}.`,
            {
              fixes: /[ \t]/.test(trimmed)
                ? undefined
                : [
                    {
                      title: 'Remove the space',
                      preferred: true,
                      edits: [{ ...span(from, from + raw.length), newText: trimmed }],
                    },
                  ],
            },
          );
        }
      }
    }
  },
});

function removeFix(doc: AuthorizedKeysDocument, item: KeyOption, from: number, to: number): Fix {
  return {
    title: 'Remove the empty entry',
    preferred: true,
    edits: [{ ...valueSpanAt(doc.text, item, from, to), newText: '' }],
  };
}
