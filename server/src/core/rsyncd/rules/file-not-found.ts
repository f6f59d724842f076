import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { atoi } from '../values';
import { daemonPath } from '../includes';
import { someLine } from '../doc-index';
import { besideConfig, checkablePath, daemonChroot, dirname, relativeNote, stat, underChroot } from './fs';
import { isIgnored, paramsWithKey, quote } from './util';

/** What happens on the daemon's host when the file (or its directory) is missing. */
/** `inChroot`: opened after the daemon chroots, so under `daemon chroot` when one is set. */
/** `fromCwd`: a relative value is opened from the daemon's working directory (others, like `temp dir`, from elsewhere). */
const CHECKS: {
  key: string;
  dirOnly?: boolean;
  wantDir?: boolean;
  inChroot?: boolean;
  fromCwd?: boolean;
  effect: string;
}[] = [
  {
    key: 'path',
    wantDir: true,
    inChroot: true,
    fromCwd: true,
    effect: 'access gives "@ERROR: chroot failed" (or "chdir failed")',
  },
  { key: 'secretsfile', inChroot: true, fromCwd: true, effect: 'every login fails ("no secrets file")' },
  {
    key: 'pidfile',
    dirOnly: true,
    fromCwd: true,
    effect: 'the daemon refuses to start (exit 11, "failed to open pid-file directory")',
  },
  {
    key: 'lockfile',
    dirOnly: true,
    inChroot: true,
    fromCwd: true,
    effect: 'access gives "@ERROR: failed to open lock file"',
  },
  { key: 'excludefrom', inChroot: true, effect: 'module access fails' },
  { key: 'includefrom', inChroot: true, effect: 'module access fails' },
  { key: 'daemonchroot', wantDir: true, effect: 'every connection is dropped' },
  { key: 'tempdir', wantDir: true, inChroot: true, effect: 'uploads fail' },
];

/** Whether some line, in any section, sets `max connections`: only then does the check look at `lock file`. */
const limitedIn = (doc: RsyncdDocument) => someLine(doc, 'maxconnections', (v) => atoi(v).number !== 0);

export const fileNotFound = defineRule<RsyncdDocument>({
  code: 'rsyncd/file-not-found',
  severity: 'warning',
  summary:
    'A `path`, `secrets file`, `pid file`/`lock file` directory or `exclude from`/`include from` file that does not exist on this machine.',
  docs: [
    'Checked against the file system of the machine the language server runs on (turn off with `pushMirror.checkFileSystem`),',
    "so these are warnings: a config is often edited away from its daemon's host. On the daemon's host a missing `path` gives",
    '`@ERROR: chroot failed`, a missing `secrets file` fails every login, a missing `pid file` directory stops startup (exit 11), a',
    'missing `lock file` directory (with `max connections` set) gives `failed to open lock file`, a missing `exclude from` or `include from` file fails access.',
    "A relative `path`, `secrets file`, `pid file` or `lock file` is opened from the daemon's working directory (`/` under systemd",
    'and inetd), not from the folder of the config: it is checked there, with a fix when it exists only beside the config. Values',
    'with `%VAR%` are not checked.',
  ],
  scope: 'section',
  context: (doc, ctx) => (ctx.host && limitedIn(doc) ? 'limited' : ''),
  check: (doc, report, ctx) => {
    const host = ctx.host;
    if (!host) return;
    const limited = limitedIn(doc);
    const chroot = daemonChroot(doc);
    for (const check of CHECKS) {
      if (check.key === 'lockfile' && !limited) continue;
      for (const p of paramsWithKey(doc, check.key)) {
        const absolute = checkablePath(p.value);
        const relative =
          !absolute && check.fromCwd && p.value !== '' && !p.value.includes('%') ? daemonPath(p.value) : undefined;
        const path = absolute ?? relative;
        if (isIgnored(p) || !path) continue;
        // The pid file is opened only by the startup parse, which stops at the first `[`: one set in a
        // `[global]` section is never opened at all.
        if (check.key === 'pidfile' && !p.section.beforeFirstHeader) continue;
        const root = check.inChroot ? chroot : undefined;
        const target = underChroot(root, check.dirOnly ? dirname(path) : path);
        const st = stat(host, target);
        if (!st.exists && relative) {
          const { hint, fixes } = besideConfig(ctx, p.value, p.valueSpan);
          const missing = check.dirOnly
            ? `, whose directory ${quote(target)} does not exist on this machine`
            : `, which does not exist on this machine`;
          report(
            p.valueSpan,
            `${relativeNote(p.value, underChroot(root, path))}${missing}; if so on the daemon's host too, ${check.effect}.${hint}`,
            { fixes },
          );
        } else if (!st.exists) {
          const what = check.dirOnly ? `the directory ${quote(target)}` : quote(target);
          const where = root ? ` (the daemon opens it inside its \`daemon chroot\` ${quote(root)})` : '';
          report(
            p.valueSpan,
            `${what} does not exist on this machine${where}; if it is missing on the daemon's host too, ${check.effect}.`,
          );
        } else if (check.wantDir && !st.isDirectory) {
          report(p.valueSpan, `${quote(target)} is not a directory on this machine.`);
        } else if (!check.wantDir && !check.dirOnly && st.isDirectory) {
          report(p.valueSpan, `${quote(target)} is a directory on this machine, not a file.`);
        } else if (!check.wantDir && !check.dirOnly && st.special) {
          // A FIFO blocks the reader and /dev/zero never ends: neither is read here, nor works for rsync.
          report(
            p.valueSpan,
            `${quote(target)} is ${st.special} on this machine, not a regular file; ${check.effect}.`,
          );
        }
      }
    }
  },
});
