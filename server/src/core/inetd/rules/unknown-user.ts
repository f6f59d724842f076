import { accountNames, GROUP_FILE, PASSWD_FILE } from '../../accounts';
import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const unknownUser = defineRule<InetdDocument>({
  code: 'inetd/unknown-user',
  severity: 'error',
  summary: 'A user (or group) this machine does not have: every connection fails.',
  docs: [
    'inetd looks the user up when a client connects, not when it reads the file. Without such a user it logs',
    '"getpwnam: NAME: No such user" and closes the connection, every time (openbsd-inetd 0.20221205 observed).',
    'The group after `.` or `:` (`root:root`, `nobody.nogroup`) is looked up the same way.',
    '',
    'Checked against /etc/passwd and /etc/group of this machine (names from LDAP or other NSS sources are not',
    'seen) when `pushMirror.checkFileSystem` is on.',
  ],
  check(doc, report, ctx) {
    const host = ctx.host;
    if (!host) return;
    const users = accountNames(host.readText(PASSWD_FILE));
    const groups = accountNames(host.readText(GROUP_FILE));
    for (const entry of doc.entries) {
      const field = entry.user;
      if (!field || !entry.server) continue;
      const value = field.value.replace(/\r$/, '');
      const sep = value.search(/[.:]/);
      const user = sep < 0 ? value : value.slice(0, sep);
      const group = sep < 0 ? undefined : value.slice(sep + 1);
      if (users && !users.has(user))
        report(
          { start: field.start, end: field.start + user.length },
          `no user ${show(user)} on this machine: inetd logs "getpwnam: ${user}: No such user" and closes every connection.`,
        );
      if (group !== undefined && groups && !groups.has(group))
        report(
          { start: field.start + sep + 1, end: field.start + value.length },
          `no group ${show(group)} on this machine: inetd closes every connection to this service.`,
        );
    }
  },
});
