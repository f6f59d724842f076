import { defineRule } from '../../rule';
import type { Fix, Span } from '../../types';
import { showName, type SecretsFile } from '../check';
import { confLine, usersWithoutLine, type ModuleRef } from '../crossfile';
import { CLIENT_COMMANDS } from '../../commands';
import { insertColonEdit } from '../edits';
import type { AuthRule } from '../modules';

export const missingUser = defineRule<SecretsFile>({
  code: 'secrets/missing-user',
  severity: 'error',
  summary: 'A user that `auth users` lets in has no line in this secrets file, so the login always fails.',
  docs: [
    'Checked against the rsyncd.conf files of the workspace whose modules name this file in `secrets file`.',
    'When `auth users` lets `joe` in, rsync looks for a line starting exactly with `joe:`; without one it logs',
    '"secret not found" and the client sees `@ERROR: auth failed on module …`. A line with leading whitespace (` joe:`),',
    'another spelling (`Joe:`) or a commented-out line (`#joe:…`) does not count. The problem sits on such a line when',
    'there is one, else at the end of the file, and names the `auth users` line (`rsyncd.conf:3`).',
    '',
    'The quick fix adds `joe:` with a new random password (shown once, with a button to copy it; it is never put',
    'in a diagnostic or a log) and puts the cursor after it. For a line `joe secret` it offers to insert the colon.',
  ],
  check(doc, report, ctx) {
    if (!doc.refs.length) return;
    const missing = new Map<string, { ref: ModuleRef; rule: AuthRule }[]>();
    for (const ref of doc.refs) {
      for (const rule of usersWithoutLine(ref.module.authUsers?.rules ?? [], doc.entries)) {
        const list = missing.get(rule.pattern) ?? [];
        if (!list.some((w) => w.ref === ref)) list.push({ ref, rule });
        missing.set(rule.pattern, list);
      }
    }
    for (const [name, where] of missing) {
      const near = doc.entries.find((e) => e.name.trim() === name);
      // `eu3 Tr1ckyNoColon`: the user's line without its colon.
      const noColon = doc.lines
        .filter((l) => l.kind === 'no-colon')
        .map((l) => ({ line: l, colon: insertColonEdit(doc.text, l.span) }))
        .find((c) => c.colon?.user === name);
      // `#joe:…`: a line for the user, commented out (as BackupPC ships its example).
      const commented = noColon
        ? undefined
        : doc.lines
            .filter((l) => l.kind === 'comment')
            .map((l) => ({ line: l, at: /^#[ \t]*/.exec(doc.text.slice(l.span.start, l.span.end))![0].length }))
            .find((c) => doc.text.startsWith(`${name}:`, c.line.span.start + c.at));
      const why = near
        ? ` (the line ${near.line + 1} ${showName(`${near.name}:`)} does not count: the name must match exactly)`
        : noColon
          ? ` (line ${noColon.line.line + 1} starts with ${showName(name)} but has no colon)`
          : commented
            ? ` (line ${commented.line.line + 1} has it commented out)`
            : '';
      // Where the user is named: module and `auth users` line of each rsyncd.conf.
      const named = [
        ...new Set(where.map((w) => `\`[${w.ref.module.name}]\` (${confLine(w.ref, w.rule.span.start)})`)),
      ];
      const modules =
        named.length <= 3 ? named.join(', ') : `${named.slice(0, 3).join(', ')} and ${named.length - 3} more`;
      // On the line meant for the user when there is one; else at the end, where the line goes.
      const at = noColon?.line.span.start ?? (commented ? commented.line.span.start + commented.at : undefined);
      const span: Span =
        near?.nameSpan ??
        (at !== undefined ? { start: at, end: at + name.length } : { start: doc.text.length, end: doc.text.length });
      const add: Fix = {
        title: `Add a line for ${showName(name)} with a new password`,
        edits: [],
        command: {
          id: CLIENT_COMMANDS.addSecretsLine,
          title: `Add a line for ${showName(name)} with a new password`,
          arguments: [name, ctx.path ?? null],
        },
      };
      const fixes: Fix[] = noColon?.colon
        ? [{ title: `Insert the colon after ${showName(name)}`, edits: [noColon.colon.edit], preferred: true }, add]
        : [{ ...add, preferred: true }];
      report(
        span,
        `${showName(name)} is let in by \`auth users\` of ${modules} but has no line in this file${why}, so rsync answers "secret not found" and the login fails.`,
        { fixes },
      );
    }
  },
});
