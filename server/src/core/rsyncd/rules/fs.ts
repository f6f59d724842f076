import type { CheckContext, FileFacts, Fix, HostAccess, Span } from '../../types';
import { DAEMON_CWD, daemonPath } from '../includes';
import type { RsyncdDocument } from '../parser';
import { paramsWithKey, quote } from './util';

// Path helpers for the checks against this machine's file system.

/** A path we can check here: absolute and free of `%VAR%` (expanded only by the daemon). */
export function checkablePath(value: string): string | undefined {
  if (!value.startsWith('/') || value.includes('%')) return undefined;
  return value.length > 1 ? value.replace(/\/+$/, '') || '/' : value;
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function stat(host: HostAccess, path: string): FileFacts {
  return host.stat(path) ?? { exists: false, isDirectory: false };
}

/**
 * The global `daemon chroot` directory, when it can be checked here. The daemon reads the whole config
 * first, then chroots into it for each connection before opening a module's `path`, `secrets file`,
 * `lock file`, `exclude from` or `temp dir`: those absolute paths live under it (clientserver.c).
 * The `pid file` and `&include` files are opened before, outside it.
 */
export function daemonChroot(doc: RsyncdDocument): string | undefined {
  const lines = paramsWithKey(doc, 'daemonchroot').filter((p) => p.section.isGlobal);
  const last = lines[lines.length - 1];
  if (!last || last.value === '') return undefined;
  const dir = checkablePath(last.value);
  return dir === '/' ? undefined : dir;
}

/** Where `path` (absolute, as the module sees it) is on this machine under `chroot`. */
export function underChroot(chroot: string | undefined, path: string): string {
  return chroot ? (path === '/' ? chroot : chroot + path) : path;
}

/** The part of a message that explains where the daemon looks for a relative path. */
export function relativeNote(value: string, resolved: string): string {
  return `${quote(value)} is relative: the daemon opens it from its working directory (\`${DAEMON_CWD}\` under systemd and inetd) as ${quote(resolved)}`;
}

/**
 * When a relative path the daemon cannot find exists beside the config file being checked (where
 * people expect it), the hint saying so and the fix that writes that absolute path.
 */
export function besideConfig(ctx: CheckContext, value: string, span: Span): { hint: string; fixes: Fix[] } {
  const path = ctx.path;
  const folder = path?.startsWith('/') ? path.slice(0, path.lastIndexOf('/')) || '/' : undefined;
  const beside = folder ? daemonPath(value, folder) : undefined;
  if (!beside || !ctx.host?.stat(beside)?.exists) return { hint: '', fixes: [] };
  return {
    hint: ` It exists beside this file as ${quote(beside)}, but the daemon does not look there.`,
    fixes: [{ title: `Write the absolute path ${beside}`, preferred: true, edits: [{ ...span, newText: beside }] }],
  };
}
