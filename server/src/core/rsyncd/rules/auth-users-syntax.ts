import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import type { Reporter } from '../../rule';
import type { ParamEntry } from '../parser';
import { isIgnored, paramsWithKey, quote, tokens, valueSpan } from './util';

export const authUsersSyntax = defineRule<RsyncdDocument>({
  code: 'rsyncd/auth-users-syntax',
  severity: 'error',
  summary: '`auth users` rule that can never match or whose `:ro`/`:rw`/`:deny` suffix rsync ignores.',
  docs: [
    'The list is split on spaces, commas and tabs; a value that **starts with a comma** is split on commas only (each item trimmed),',
    'which allows group names with spaces: `auth users = , @Some Group:deny, admin:rw`. A rule is a wildcard user name or `@group`,',
    'optionally followed by `:deny`, `:ro` or `:rw` (only `d…`, `ro` and `rw` count; any other suffix is ignored). The first matching',
    'rule decides. Traps: `joe : ro` in comma mode keeps the space, so the name `joe ` never matches; in normal mode it becomes',
    'three rules (`joe`, `:`, `ro`). An empty `auth users` means anonymous access.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const p of paramsWithKey(doc, 'authusers')) {
      if (isIgnored(p)) continue;
      if (p.value === '') {
        report(p.nameSpan, '`auth users` is empty: rsync treats that as no authentication at all (anonymous access).');
        continue;
      }
      const commaMode = p.value.startsWith(',');
      for (const t of commaMode ? commaItems(p) : tokens(p, ' ,\t\r\n')) checkRule(t.text, t, commaMode, report);
    }
  },
});

function commaItems(p: ParamEntry): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let from = 1;
  for (let i = 1; i <= p.value.length; i++) {
    if (i < p.value.length && p.value[i] !== ',') continue;
    let a = from;
    let b = i;
    while (a < b && /\s/.test(p.value[a])) a++;
    while (b > a && /\s/.test(p.value[b - 1])) b--;
    if (b > a) out.push({ text: p.value.slice(a, b), ...valueSpan(p, a, b) });
    from = i + 1;
  }
  return out;
}

function checkRule(rule: string, span: { start: number; end: number }, commaMode: boolean, report: Reporter): void {
  const colon = rule.indexOf(':');
  const name = colon < 0 ? rule : rule.slice(0, colon);
  const suffix = colon < 0 ? undefined : rule.slice(colon + 1);
  if (name === '' || name === '@') {
    report(
      span,
      `${quote(rule)} has no user name; it matches no login.${commaMode ? '' : ' Write `user:ro` without spaces around the colon.'}`,
    );
    return;
  }
  if (commaMode && /\s$/.test(name)) {
    report(
      span,
      `in comma mode the space before the colon stays: the name is ${quote(name)} and never matches. Write ${quote(name.trim() + ':' + (suffix ?? '').trim())}.`,
      {
        fixes: [
          {
            title: `Change to \`${name.trim()}:${(suffix ?? '').trim()}\``,
            preferred: true,
            edits: [{ ...span, newText: `${name.trim()}:${(suffix ?? '').trim()}` }],
          },
        ],
      },
    );
    return;
  }
  if (suffix === undefined) return;
  const s = suffix.toLowerCase();
  if (s.startsWith('d') || s.startsWith('ro') || s.startsWith('rw')) return;
  report(
    span,
    `rsync ignores the suffix ${quote(':' + suffix)} (only \`:deny\`, \`:ro\` and \`:rw\` count): ${quote(name)} gets the module's normal access.`,
  );
}
