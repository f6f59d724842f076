import { moduleLabel, type SecretsFile } from './check';
import { decideUser, groupRulesFor, type ModuleRef } from './crossfile';
import { describePassword, type SecretsEntry } from './parser';

// Hover text for one secrets line: who it is for, which modules let that user in and through which
// `auth users` rule. The password appears only as a length and whether it ends in whitespace.

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function accessWords(access: string | undefined): string {
  return access === 'ro' ? ' (read-only)' : access === 'rw' ? ' (read-write)' : '';
}

function userLine(ref: ModuleRef, name: string): string {
  const rules = ref.module.authUsers?.rules ?? [];
  if (!rules.length)
    return `${moduleLabel(ref)}: no \`auth users\`, so the module is anonymous and never reads this file`;
  const d = decideUser(rules, name);
  const groups = d.groupRulesBefore.length
    ? `; an earlier ${d.groupRulesBefore.map((r) => code(r.text)).join(', ')} rule decides if ${code(name)} is in that group`
    : '';
  if (!d.rule) return `${moduleLabel(ref)}: no rule matches ${code(name)} ("no matching rule")${groups}`;
  if (d.rule.access === 'deny') return `${moduleLabel(ref)}: denied by ${code(d.rule.text)}${groups}`;
  return `${moduleLabel(ref)}: let in by ${code(d.rule.text)}${accessWords(d.rule.access)}${groups}`;
}

function groupLine(ref: ModuleRef, group: string): string {
  const rules = groupRulesFor(ref.module.authUsers?.rules ?? [], group);
  if (!rules.length) return `${moduleLabel(ref)}: no \`@${group}\` rule, so this line is never read`;
  return `${moduleLabel(ref)}: read for members let in by ${rules.map((r) => `${code(r.text)}${accessWords(r.access)}`).join(', ')}`;
}

export function describeEntry(doc: SecretsFile, entry: SecretsEntry): string {
  const out: string[] = [];
  const who = entry.isGroup ? `group ${code(entry.group ?? '')}` : `user ${code(entry.name)}`;
  out.push(`**rsync secrets line for ${who}**`, '');
  const first = doc.entries.find((e) => e.name === entry.name);
  if (first && first !== entry)
    out.push(
      `Never read: line ${first.line + 1} is the first ${code(`${entry.name}:`)} line, and rsync only tries that one.`,
      '',
    );
  const pw = describePassword(doc.text, entry);
  const trailing = pw.trailingBlanks
    ? `, ending in ${pw.trailingBlanks} whitespace character${pw.trailingBlanks === 1 ? ' that counts' : 's that count'} as part of it`
    : '';
  out.push(
    pw.length === 0
      ? 'Password: **empty**: anyone can log in with this name.'
      : `Password: ${pw.length} character${pw.length === 1 ? '' : 's'}${trailing}.`,
    '',
  );
  if (!doc.refs.length) {
    out.push('No rsyncd.conf in the workspace names this file in `secrets file`.');
  } else {
    out.push('Modules using this file:', '');
    for (const ref of doc.refs)
      out.push(`- ${entry.isGroup ? groupLine(ref, entry.group ?? '') : userLine(ref, entry.name)}`);
  }
  return out.join('\n');
}
