import type { ModuleView } from '../modules';
import { parseBool } from '../values';

// Effective values the security rules share.

/** A module's boolean as the daemon ends up with it (a malformed value leaves the default). */
export function effectiveBool(m: ModuleView, key: string, fallback: boolean | 'unset'): boolean | 'unset' {
  const value = m.value(key);
  if (value === undefined) return fallback;
  return parseBool(value, true) ?? fallback;
}

export function isWritable(m: ModuleView): boolean {
  return effectiveBool(m, 'readonly', true) === false;
}

export function hasAuthUsers(m: ModuleView): boolean {
  return (m.value('authusers') ?? '') !== '';
}
