import { defineRule } from '../../rule';
import { cleanLines } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

const PERMISSIONS = ['port-forwarding', 'agent-forwarding', 'x11-forwarding', 'pty', 'user-rc'];

export const restrictNotFirst = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/restrict-not-first',
  severity: 'warning',
  summary: 'A permission before `restrict` is cancelled by it.',
  docs: [
    'sshd applies options left to right, and `restrict` turns every permission off where it appears: `pty,restrict` ends with',
    'no pty. Write `restrict` first and the permissions you want back after it: `restrict,pty`.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      const items = line.options?.items ?? [];
      let last = items.length - 1;
      while (last >= 0 && items[last].spec?.name !== 'restrict') last--;
      if (last < 0) continue;
      const restrictItem = items[last];
      // Built once per line and shared by its reports: one per cancelled item would make it quadratic.
      let reordered: string | undefined;
      for (let i = 0; i < last; i++) {
        const item = items[i];
        if (!item.spec || item.broken || item.negated || !PERMISSIONS.includes(item.spec.name)) continue;
        reordered ??= [restrictItem, ...items.filter((o) => o !== restrictItem)]
          .map((o) => doc.text.slice(o.start, o.end))
          .join(',');
        report(
          item,
          `\`${item.text}\` has no effect: the \`restrict\` after it turns it off again. Put \`restrict\` first.`,
          {
            unnecessary: true,
            fixes: [
              {
                title: `Move \`restrict\` first (keeps \`${item.text}\`)`,
                edits: [{ ...line.options!.span, newText: reordered }],
              },
            ],
          },
        );
      }
    }
  },
});
