import { defineRule } from '../../rule';
import { closest } from '../../text';
import { moduleList, showName, type SecretsFile } from '../check';
import { groupRulesFor, mayAccept } from '../crossfile';

export const unusedUser = defineRule<SecretsFile>({
  code: 'secrets/unused-user',
  severity: 'warning',
  summary: 'No module that uses this secrets file lets this user (or group) in.',
  docs: [
    'Checked against the rsyncd.conf files of the workspace whose modules name this file in `secrets file`.',
    'rsync checks `auth users` **before** it reads the secrets file: a user that no rule lets in (no matching rule, or a',
    '`:deny` rule first) gets "no matching rule" / "denied by rule", and the line is never read. An `@group:` line is read',
    'only through an `@group` rule. User names are compared case-sensitively (`Joe` is not `joe`).',
    '',
    'Add the user to `auth users` of the module, fix the spelling, or delete the line.',
  ],
  check(doc, report) {
    if (!doc.refs.length) return;
    const literal = doc.refs
      .flatMap((r) => r.module.authUsers?.rules ?? [])
      .filter((r) => !r.isGroup && !/[*?[\\]/.test(r.pattern));
    const seen = new Set<string>();
    for (const entry of doc.entries) {
      if (entry.name === '' || entry.name === '@' || /^\s|\s$/.test(entry.name) || seen.has(entry.name)) continue;
      seen.add(entry.name);
      const used = entry.isGroup
        ? doc.refs.some((r) => groupRulesFor(r.module.authUsers?.rules ?? [], entry.group ?? '').length > 0)
        : doc.refs.some((r) => mayAccept(r.module.authUsers?.rules ?? [], entry.name));
      if (used) continue;
      const near = entry.isGroup
        ? []
        : closest(entry.name, [...new Set(literal.map((r) => r.pattern))], (s) => s.toLowerCase());
      const hint = near.length ? `; did you mean ${showName(near[0])}?` : '.';
      const what = entry.isGroup
        ? `no \`auth users\` rule \`${entry.name}\``
        : `no \`auth users\` rule lets ${showName(entry.name)} in`;
      report(
        entry.nameSpan,
        `${what} in ${moduleList(doc.refs)}, the module${doc.refs.length === 1 ? '' : 's'} using this file, so rsync never reads this line${hint}`,
      );
    }
  },
});
