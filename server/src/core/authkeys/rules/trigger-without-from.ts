import { defineRule } from '../../rule';
import { cleanLines, effectiveOptions } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const triggerWithoutFrom = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/trigger-without-from',
  severity: 'warning',
  summary: 'A trigger key (`command=`) usable from any address.',
  docs: [
    "Without `from=` anyone holding a copy of the upstream's private key can start your sync from anywhere. Add the upstream's",
    'addresses: `from="192.0.2.10,2001:db8::10"` (addresses, not host names: sshd runs with `UseDNS no`).',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      const e = effectiveOptions(line);
      if (!e.command || e.from || line.options?.items.some((i) => i.spec?.name === 'from')) continue;
      report(e.command, 'This trigger key works from any address: add `from="<upstream address>"`.', {
        fixes: [
          {
            title: 'Add `from="…"` (then write the upstream\'s address)',
            edits: [{ start: e.command.end, end: e.command.end, newText: ',from="UPSTREAM-ADDRESS"' }],
          },
        ],
      });
    }
  },
});
