import { moduleViews } from '../modules';
import { rsyncdRule } from './util';
import { hasAuthUsers } from './security';

export const authWithoutSecretsFile = rsyncdRule(
  'auth-without-secrets-file',
  'error',
  '`auth users` without a `secrets file`; every login fails.',
  [
    'rsync checks the password in the `secrets file`. Without one (or with an empty value) every login fails with',
    '`@ERROR: auth failed on module`, and the log says `no secrets file`.',
  ],
  (doc, report) => {
    for (const m of moduleViews(doc)) {
      if (!hasAuthUsers(m) || (m.get('secretsfile')?.value ?? '') !== '') continue;
      const users = m.get('authusers')!;
      report(users.inherited ? m.header.nameSpan : users.entry.nameSpan, `module [${m.name}] has \`auth users\` but no \`secrets file\`: every login fails ("no secrets file").`);
    }
  },
);
