import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion, placedReporter } from '../includes';
import {} from './util';
import { hasAuthUsers } from './security';

export const authWithoutSecretsFile = defineRule<RsyncdDocument>({
  code: 'rsyncd/auth-without-secrets-file',
  severity: 'error',
  summary: '`auth users` without a `secrets file`; every login fails.',
  docs: [
    'rsync checks the password in the `secrets file`. Without one (or with an empty value) every login fails with',
    '`@ERROR: auth failed on module`, and the log says `no secrets file`.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const exp = expansion(doc, ctx);
    const at = placedReporter(exp, report);
    for (const m of exp.modules) {
      if (!hasAuthUsers(m) || (m.value('secretsfile') ?? '') !== '') continue;
      const users = m.get('authusers')!;
      const entry = users.inherited ? m.header : users.entry;
      at(
        entry,
        entry.nameSpan,
        `module [${m.name}] has \`auth users\` but no \`secrets file\`: every login fails ("no secrets file").`,
      );
    }
  },
});
