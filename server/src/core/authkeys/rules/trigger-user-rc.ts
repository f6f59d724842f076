import { defineRule } from '../../rule';
import { cleanLines, effectiveOptions } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';
import { restrictFix, unintendedPermissions } from '../trigger';

export const triggerUserRc = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/trigger-user-rc',
  severity: 'warning',
  summary: 'The Debian trigger line (`no-port-forwarding,…,no-pty`) still runs `~/.ssh/rc`.',
  docs: [
    'The line ftpsync\'s README recommends, `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="…"`,',
    'closes forwarding and the pty but not `~/.ssh/rc`, which sshd runs before the forced command. `restrict` closes all of it,',
    'and whatever later OpenSSH releases add. Write `restrict,command="…",from="<upstream>"`, or at least add `no-user-rc`.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      const e = effectiveOptions(line);
      if (!e.command || !line.options || !e.userRc) continue;
      if (unintendedPermissions(line, e).length) continue; // trigger-not-restricted says it
      const fixes = [restrictFix(doc.text, line)].filter((f) => !!f);
      fixes.push({
        title: 'Add `no-user-rc`',
        preferred: false,
        edits: [
          {
            start: line.options.span.end,
            end: line.options.span.end,
            newText: doc.text[line.options.span.end - 1] === ',' ? 'no-user-rc' : ',no-user-rc',
          },
        ],
      });
      report(
        line.options.span,
        'This trigger key still runs `~/.ssh/rc` at login (there is no `no-user-rc`). `restrict` closes that too.',
        { fixes },
      );
    }
  },
});
