import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion, placedReporter } from '../includes';
import {} from './util';
import { hasAuthUsers, isWritable } from './security';

export const writableWithoutAuth = defineRule<RsyncdDocument>({
  code: 'rsyncd/writable-without-auth',
  severity: 'warning',
  summary: 'Writable module (`read only = no`) without `auth users`: anyone who can connect may upload.',
  docs: [
    'With `read only = no` and no `auth users`, every client allowed by `hosts allow` can write (and, with `--delete`, remove) files.',
    'Add `auth users` and a `secrets file`, or restrict `hosts allow` to the hosts that push.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const exp = expansion(doc, ctx);
    const at = placedReporter(exp, report);
    for (const m of exp.modules) {
      if (!isWritable(m) || hasAuthUsers(m)) continue;
      const ro = m.get('readonly')!;
      at(
        ro.inherited ? m.header : ro.entry,
        ro.inherited ? m.header.nameSpan : ro.entry.span,
        `module [${m.name}] is writable and has no \`auth users\`: every client ${m.get('hostsallow') ? 'from \`hosts allow\` ' : ''}can upload without a password.`,
      );
    }
  },
});
