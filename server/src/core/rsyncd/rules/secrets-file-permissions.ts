import { CLIENT_COMMANDS } from '../../commands';
import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import type { ParamEntry } from '../parser';
import { expansion, placedReporter } from '../includes';
import { checkablePath, daemonChroot, stat, underChroot } from './fs';
import { effectiveBool, hasAuthUsers } from './security';
import { quote } from './util';

export const secretsFilePermissions = defineRule<RsyncdDocument>({
  code: 'rsyncd/secrets-file-permissions',
  severity: 'warning',
  summary: 'Secrets file readable by other users, or not owned by root, while `strict modes` is on; every login fails.',
  docs: [
    'With `strict modes` on (the default) rsync refuses a secrets file whose mode lets *other* users read or write it (`mode & 006`;',
    'group bits do not matter) and, when the daemon runs as root, one not owned by root. It logs "ignoring secrets file" and',
    '**every login to the module fails**. Checked on this machine, so reported as a warning. The quick fix sets mode 0600.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const host = ctx.host;
    if (!host) return;
    const exp = expansion(doc, ctx);
    const at = placedReporter(exp, report);
    // Entries are views made on each lookup: a line shared by several modules is known by its place.
    const done = new Set<string>();
    const chroot = daemonChroot(doc);
    for (const m of exp.modules) {
      const secrets = m.get('secretsfile');
      if (!secrets || !hasAuthUsers(m) || effectiveBool(m, 'strictmodes', true) === false) continue;
      const place = placeOf(secrets.entry);
      if (done.has(place)) continue;
      done.add(place);
      const checkable = checkablePath(secrets.value);
      if (!checkable) continue;
      // Opened after the daemon chroots: under `daemon chroot` when one is set.
      const path = underChroot(chroot, checkable);
      const st = stat(host, path);
      if (!st.exists || st.isDirectory || st.mode === undefined) continue;
      const span = secrets.entry.valueSpan;
      if (st.mode & 0o006) {
        at(
          secrets.entry,
          span,
          `${quote(path)} has mode ${st.mode.toString(8).padStart(4, '0')} on this machine: other users can access it, so with \`strict modes\` rsync ignores it and every login fails.`,
          {
            fixes: [
              {
                title: 'Set the secrets file to 0600',
                edits: [],
                preferred: true,
                command: {
                  id: CLIENT_COMMANDS.setFileMode,
                  title: 'Set the secrets file to 0600',
                  arguments: [path, 0o600],
                },
              },
            ],
          },
        );
      }
      if (host.uid === 0 && st.uid !== undefined && st.uid !== 0) {
        at(
          secrets.entry,
          span,
          `${quote(path)} is owned by uid ${st.uid} on this machine: a daemon running as root ignores a secrets file not owned by root, so every login fails.`,
        );
      }
    }
  },
});

function placeOf(entry: ParamEntry): string {
  return `${entry.section.key}:${entry.span.start}:${entry.span.end}`;
}
