import { defineRule } from '../../rule';
import { cleanLines } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';
import { parseAddress, valueSpanAt } from '../values';

export const fromHostname = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/from-hostname',
  severity: 'warning',
  summary: 'A host name in `from=`; with `UseDNS no` (the default) it never matches, not even `localhost`.',
  docs: [
    'sshd matches `from=` against the client address and against its host name, but with the default `UseDNS no` the "host name"',
    'is the address itself. So `from="localhost"` does not match 127.0.0.1 and `from="upstream.example.org"` matches nothing:',
    'the upstream gets `Permission denied`, and sshd logs "correct key but not from a permitted host". Write addresses or',
    'networks: `from="192.0.2.10,2001:db8::10"`.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      for (const item of line.options?.items ?? []) {
        if (item.spec?.name !== 'from' || item.value === undefined || item.broken) continue;
        let at = 0;
        for (const raw of item.value.split(',')) {
          const from = at;
          at += raw.length + 1;
          const negated = raw.startsWith('!');
          const el = negated ? raw.slice(1) : raw;
          // Addresses (also C forms such as 0x7f.0.0.1) and IPv6 words (hex digits, `%zone`) are not names.
          if (!/[g-zG-Z]/.test(el) || /[:%]/.test(el) || parseAddress(el.split('/')[0])) continue;
          const span = valueSpanAt(doc.text, item, from, from + raw.length);
          const message = /^localhost$/i.test(el)
            ? '`localhost` never matches with `UseDNS no` (the default): sshd compares the address 127.0.0.1 (or ::1). Write `127.0.0.1,::1`.'
            : negated
              ? `\`${el}\` looks like a host name: with \`UseDNS no\` (the default) sshd compares only the client's address, so this exclusion never excludes anything. Write the address to exclude.`
              : `\`${el}\` looks like a host name: with \`UseDNS no\` (the default) sshd compares only the client's address, so it never matches. Write the upstream's address.`;
          report(
            span,
            message,
            /^localhost$/i.test(el)
              ? {
                  fixes: [
                    {
                      title: 'Change to `127.0.0.1,::1`',
                      edits: [
                        {
                          ...span,
                          newText: `${raw.startsWith('!') ? '!' : ''}127.0.0.1,${raw.startsWith('!') ? '!' : ''}::1`,
                        },
                      ],
                    },
                  ],
                }
              : undefined,
          );
        }
      }
    }
  },
});
