import { defineRule } from '../../rule';
import type { ModuleRef } from '../crossfile';
import { fileSpan, moduleList, showName, type SecretsFile } from '../check';
import { decideUser } from '../crossfile';

export const missingUser = defineRule<SecretsFile>({
  code: 'secrets/missing-user',
  severity: 'error',
  summary: 'A user that `auth users` lets in has no line in this secrets file, so the login always fails.',
  docs: [
    'Checked against the rsyncd.conf files of the workspace whose modules name this file in `secrets file`.',
    'When `auth users` lets `joe` in, rsync looks for a line starting exactly with `joe:`; without one it logs',
    '"secret not found" and the client sees `@ERROR: auth failed on module …`. A line with leading whitespace (` joe:`)',
    'or another spelling (`Joe:`) does not count.',
    '',
    'Add a line `joe:password` (the quick fix adds `joe:` at the end for you to complete).',
  ],
  check(doc, report) {
    if (!doc.refs.length) return;
    const names = new Set(doc.entries.map((e) => e.name));
    const hasGroupLines = doc.entries.some((e) => e.isGroup);
    const missing = new Map<string, ModuleRef[]>();
    for (const ref of doc.refs) {
      const rules = ref.module.authUsers?.rules ?? [];
      for (const rule of rules) {
        // Wildcard rules name no particular user; there is nothing to look for.
        if (rule.isGroup || rule.pattern === '' || /[*?[\\]/.test(rule.pattern) || names.has(rule.pattern)) continue;
        const decision = decideUser(rules, rule.pattern);
        if (decision.rule?.access === 'deny') continue;
        // Let in through an earlier group rule, the user may log in with an `@group:` line instead.
        if (hasGroupLines && decision.groupRulesBefore.some((r) => r.access !== 'deny')) continue;
        const list = missing.get(rule.pattern) ?? [];
        if (!list.includes(ref)) list.push(ref);
        missing.set(rule.pattern, list);
      }
    }
    const span = fileSpan(doc);
    const tail = doc.text.length === 0 || doc.text.endsWith('\n') ? '' : doc.text.includes('\r\n') ? '\r\n' : '\n';
    for (const [name, refs] of missing) {
      const near = doc.entries.find((e) => e.name.trim() === name);
      const why = near
        ? ` (the line ${near.line + 1} ${showName(`${near.name}:`)} does not count: the name must match exactly)`
        : '';
      report(
        span,
        `${showName(name)} is let in by \`auth users\` of ${moduleList(refs)} but has no line in this file${why}, so rsync answers "secret not found" and the login fails.`,
        {
          fixes: [
            {
              title: `Add a line for ${showName(name)}`,
              edits: [{ start: doc.text.length, end: doc.text.length, newText: `${tail}${name}:` }],
            },
          ],
        },
      );
    }
  },
});
