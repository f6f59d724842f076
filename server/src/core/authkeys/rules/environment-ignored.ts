import { defineRule } from '../../rule';
import { cleanLines, valueProblem } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const environmentIgnored = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/environment-ignored',
  severity: 'information',
  summary: '`environment=` only works with `PermitUserEnvironment yes`, which Debian does not set.',
  docs: [
    'sshd applies `environment="NAME=value"` only when sshd_config says `PermitUserEnvironment yes` (or lists NAME); the Debian',
    'default is `no`, and then the option is silently ignored. For a trigger, pass data in the forced command instead:',
    '`command="ARCHIVE=debian ~/bin/ftpsync"`.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      for (const item of line.options?.items ?? []) {
        if (item.spec?.name !== 'environment' || item.broken || valueProblem(item)) continue;
        report(item, 'Ignored unless sshd_config has `PermitUserEnvironment yes` (Debian default: no).');
      }
    }
  },
});
