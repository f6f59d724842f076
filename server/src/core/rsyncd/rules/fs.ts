import type { FileFacts, HostAccess } from '../../types';

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
