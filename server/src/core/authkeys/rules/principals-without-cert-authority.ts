import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';

export const principalsWithoutCertAuthority = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/principals-without-cert-authority',
  severity: 'error',
  summary: '`principals=` on a key without `cert-authority`; sshd refuses the key.',
  docs: [
    '`principals="…"` lists the certificate principals a user CA may vouch for, so it only makes sense with `cert-authority`.',
    'On a plain key sshd logs "principals on non-CA key" and refuses the key. Add `cert-authority` if the key is a CA,',
    'or remove `principals=`.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      const items = line.options?.items ?? [];
      if (items.some((i) => i.spec?.name === 'cert-authority' && !i.broken)) continue;
      const principals = items.find((i) => i.spec?.name === 'principals' && !i.broken);
      if (!principals) continue;
      report(
        principals,
        '`principals=` without `cert-authority`: sshd logs "principals on non-CA key" and refuses this key.',
        {
          fixes: [
            {
              title: 'Add `cert-authority`',
              edits: [{ start: line.options!.span.start, end: line.options!.span.start, newText: 'cert-authority,' }],
            },
          ],
        },
      );
    }
  },
});
