import { accountNames, GROUP_FILE, PASSWD_FILE } from '../../accounts';
import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { daemonChroot } from './fs';
import { isIgnored, paramsWithKey, quote, splitTokens, valueSpan } from './util';

const CHECKS = [
  { key: 'uid', group: false },
  { key: 'gid', group: true },
  { key: 'daemonuid', group: false },
  { key: 'daemongid', group: true },
];

export const unknownUserOrGroup = defineRule<RsyncdDocument>({
  code: 'rsyncd/unknown-user-or-group',
  severity: 'warning',
  summary:
    '`uid`/`gid` (or `daemon uid`/`daemon gid`) naming a user or group this machine does not have; connections fail.',
  docs: [
    'rsync looks the name up when a client connects to the module and refuses it with `@ERROR: invalid uid NAME` or',
    "`@ERROR: invalid gid NAME` when there is none. The usual slip is `gid = nobody` copied from another system: Debian's group",
    'is `nogroup`. Numbers are used as they are. `gid` lists are split on spaces and commas (on commas only when the value starts',
    "with `,`), and a first item `*` means all of the user's groups. Checked against /etc/passwd and /etc/group of this machine",
    '(names from LDAP or other NSS sources are not seen), hence a warning; skipped under `daemon chroot`, whose own files decide.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const host = ctx.host;
    if (!host || daemonChroot(doc)) return;
    const users = accountNames(host.readText(PASSWD_FILE));
    const groups = accountNames(host.readText(GROUP_FILE));
    for (const { key, group } of CHECKS) {
      const known = group ? groups : users;
      if (!known) continue;
      for (const p of paramsWithKey(doc, key)) {
        const value = p.value;
        // `%VAR%` is expanded per connection; a `#` is the trailing-comment trap comment-in-value reports.
        if (isIgnored(p) || value === '' || value.includes('%') || value.includes('#')) continue;
        const items = group
          ? splitTokens(value, value.startsWith(',') ? ',' : ' ,\t')
          : [[0, value.length] as [number, number]];
        items.forEach(([from, to], i) => {
          const name = value.slice(from, to);
          if (/^\d+$/.test(name) || (group && i === 0 && name === '*') || known.has(name)) return;
          const kind = group ? 'group' : 'user';
          const hint = group && name === 'nobody' && known.has('nogroup') ? ' (Debian calls it `nogroup`)' : '';
          report(
            valueSpan(p, from, to),
            `no ${kind} ${quote(name)} on this machine${hint}; if the daemon's host has none either, connecting fails with "@ERROR: invalid ${group ? 'gid' : 'uid'} ${name}".`,
            {
              fixes: hint
                ? [
                    {
                      title: 'Change to `nogroup`',
                      preferred: true,
                      edits: [{ ...valueSpan(p, from, to), newText: 'nogroup' }],
                    },
                  ]
                : [],
            },
          );
        });
      }
    }
  },
});
