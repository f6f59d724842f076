import type { ModuleView } from '../modules';
import { parseBool } from '../values';

// Effective values the security rules share.

/** A module's boolean as the daemon ends up with it (a malformed value leaves the default). */
export function effectiveBool(m: ModuleView, key: string, fallback: boolean | 'unset'): boolean | 'unset' {
  const s = m.get(key);
  if (!s) return fallback;
  return parseBool(s.value, true) ?? fallback;
}

export function isWritable(m: ModuleView): boolean {
  return effectiveBool(m, 'readonly', true) === false;
}

export function hasAuthUsers(m: ModuleView): boolean {
  return (m.get('authusers')?.value ?? '') !== '';
}
