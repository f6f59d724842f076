// Account names as this machine's /etc/passwd and /etc/group list them (`name:…` lines). Names from
// LDAP or other NSS sources are not seen, so rules that use this report warnings or name the file.

export const PASSWD_FILE = '/etc/passwd';
export const GROUP_FILE = '/etc/group';

/** The names in an /etc/passwd or /etc/group text; undefined when the file could not be read. */
export function accountNames(text: string | undefined): Set<string> | undefined {
  if (text === undefined) return undefined;
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) names.add(line.slice(0, colon));
  }
  return names;
}
