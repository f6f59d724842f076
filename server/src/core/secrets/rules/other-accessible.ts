import { CLIENT_COMMANDS } from '../../commands';
import { defineRule } from '../../rule';
import { fileSpan, moduleList, type SecretsFile } from '../check';

export const otherAccessible = defineRule<SecretsFile>({
  code: 'secrets/other-accessible',
  severity: 'warning',
  summary: 'On this machine the file may be read or written by others; with `strict modes` rsync ignores it.',
  docs: [
    'A file system check, made only when `pushMirror.checkFileSystem` is on, against the file **on the machine the',
    'language server runs on**. With `strict modes = yes` (the default) rsync refuses a secrets file that *other* may',
    'read or write (`mode & 006`): it logs "secrets file must not be other-accessible" and then **every login to the',
    'module fails** ("ignoring secrets file"). Group bits are not checked, so 0600, 0640 and 0660 pass while 0644 fails.',
    '',
    'Run `chmod 600` on the file (the quick fix does it). Turning `strict modes` off also works but leaves the passwords readable.',
  ],
  check(doc, report, ctx) {
    if (!ctx.host || !ctx.path) return;
    const facts = ctx.host.stat(ctx.path);
    if (!facts?.exists || facts.mode === undefined || (facts.mode & 0o006) === 0) return;
    // Modules with `strict modes = no` accept the file; with no module known, rsync's default (on) applies.
    const strict = doc.refs.filter((r) => r.module.strictModes);
    if (doc.refs.length && !strict.length) return;
    const mode = facts.mode.toString(8).padStart(4, '0');
    const who = strict.length ? `every login to ${moduleList(strict)} fails` : 'every login to a module using it fails';
    report(
      fileSpan(doc),
      `on this machine the file has mode ${mode}, so others may access it; with \`strict modes\` on, rsync ignores the whole file and ${who}.`,
      {
        fixes: [
          {
            title: 'Set the secrets file to 0600',
            edits: [],
            preferred: true,
            command: {
              id: CLIENT_COMMANDS.setFileMode,
              title: 'Set the secrets file to 0600',
              arguments: [ctx.path, 0o600],
            },
          },
        ],
      },
    );
  },
});
