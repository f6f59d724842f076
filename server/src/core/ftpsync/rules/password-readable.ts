import { defineRule } from '../../rule';
import { CLIENT_COMMANDS } from '../../commands';
import { effective, type FtpsyncDoc } from '../model';

export const passwordReadable = defineRule<FtpsyncDoc>({
  code: 'ftpsync/password-readable',
  severity: 'warning',
  summary: 'On this machine the file holds RSYNC_PASSWORD and others may read it.',
  docs: [
    'A file system check, made only when `pushMirror.checkFileSystem` is on. ftpsync.conf holds the password of your',
    'account at the upstream in clear text; with group or other read bits any local user can take it (and sync from the',
    'upstream as you). ftpsync does not care about the mode, so nothing else warns. The quick fix sets the file to 0600',
    '(it asks first).',
  ],
  check(doc, report, ctx) {
    const password = effective(doc, 'RSYNC_PASSWORD');
    if (!ctx.host || !ctx.path || !password.assignment || !password.value) return;
    const facts = ctx.host.stat(ctx.path);
    if (!facts?.exists || facts.mode === undefined || (facts.mode & 0o077) === 0) return;
    const mode = facts.mode.toString(8).padStart(4, '0');
    const who = facts.mode & 0o004 ? 'every user of this machine' : 'its group';
    report(
      { start: password.assignment.nameStart, end: password.assignment.nameEnd },
      `on this machine the file has mode ${mode}: ${who} can read the upstream password. Set it to 0600.`,
      {
        fixes: [
          {
            title: 'Set this file to 0600',
            edits: [],
            preferred: true,
            command: { id: CLIENT_COMMANDS.setFileMode, title: 'Set this file to 0600', arguments: [ctx.path, 0o600] },
          },
        ],
      },
    );
  },
});
