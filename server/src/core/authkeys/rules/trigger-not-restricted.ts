import { defineRule } from '../../rule';
import { cleanLines, effectiveOptions } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';
import { restrictFix, unintendedPermissions } from '../trigger';

export const triggerNotRestricted = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/trigger-not-restricted',
  severity: 'warning',
  summary: 'A trigger key (`command=`) that can still forward ports, the agent or X11, or get a pty.',
  docs: [
    '`command=` only replaces the command: without `restrict` (or `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty`)',
    "the upstream's key can still open tunnels into your network with `ssh -N -L`/`-R`/`-W`, and run `~/.ssh/rc`. For a push",
    'trigger write `restrict,command="~/bin/ftpsync",from="<upstream address>"`. The quick fix keeps your command and `from`.',
    'A permission switched back on by its own option after `restrict` (`restrict,pty,command=…`) is taken as intended.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      const e = effectiveOptions(line);
      if (!e.command || !line.options) continue;
      const open = unintendedPermissions(line, e);
      if (!open.length) continue;
      const fix = restrictFix(doc.text, line);
      report(
        line.options.span,
        `This trigger key still allows ${open.join(', ')}${e.userRc ? ' and ~/.ssh/rc' : ''}: \`command=\` alone does not restrict it. Write \`restrict,command="…",from="<upstream>"\`.`,
        fix ? { fixes: [fix] } : undefined,
      );
    }
  },
});
