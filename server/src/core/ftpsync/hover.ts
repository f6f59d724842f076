import type { HoverInfo } from '../service';
import type { CheckContext } from '../types';
import type { Assignment } from './bash/reader';
import { FTPSYNC_VERSION } from './environment';
import { effective, finalValue, moduleName, type FtpsyncDoc } from './model';
import { loginVerdict } from './rules/upstream-login';
import { quote } from './rules/util';
import { findModule, upstreamConfs } from './upstream';
import { ENVIRONMENT_NAMES, IGNORED, INTERNAL, variable } from './variables';

// Hovers: what a variable means to ftpsync 20180513+nmu1, its default, and the value ftpsync ends up
// with. RSYNC_PASSWORD's value is never shown, only whether the upstream's secrets file agrees.

const SECRET = 'RSYNC_PASSWORD';

export function hover(doc: FtpsyncDoc, offset: number, ctx: CheckContext): HoverInfo | undefined {
  for (const a of doc.script.assignments) {
    if (offset < a.nameStart || offset > a.end) continue;
    const onName = offset <= a.nameEnd;
    return {
      start: onName ? a.nameStart : a.valueStart,
      end: onName ? a.nameEnd : a.end,
      markdown: describe(doc, a.name, ctx, a),
    };
  }
  const ref = doc.script.references.find((r) => offset >= r.start && offset <= r.end);
  if (ref) return { start: ref.start, end: ref.end, markdown: describe(doc, ref.name, ctx) };
  return undefined;
}

function describe(doc: FtpsyncDoc, name: string, ctx: CheckContext, at?: Assignment): string {
  const lines: string[] = [];
  const v = variable(name);
  if (v) {
    lines.push(
      `**${name}** (ftpsync ${FTPSYNC_VERSION}${v.undocumented ? ', not in ftpsync.conf(5): read by /usr/bin/ftpsync' : ''})`,
      '',
      v.doc,
    );
    if (v.default)
      lines.push(
        '',
        `Default: ${v.default.startsWith('`') || v.default.startsWith('(') ? v.default : quote(v.default, 200)}`,
      );
  } else if (Object.hasOwn(INTERNAL, name)) {
    lines.push(`**${name}**: set by ftpsync before it reads this file; the file may change it.`, '', INTERNAL[name]);
  } else if (Object.hasOwn(IGNORED, name)) {
    lines.push(`**${name}**: ${IGNORED[name]}.`);
  } else if (ENVIRONMENT_NAMES.has(name)) {
    lines.push(`**${name}**: an environment variable of the run (cron or the push's ssh login).`);
  } else {
    lines.push(`**${name}**: ftpsync does not read this variable.`);
  }
  if (at?.how === 'temporary') lines.push('', 'Here it only prefixes a command: bash does not keep it.');
  else if (at?.how === 'local') lines.push('', "Here it is local to ftpsync's read_config and gone afterwards.");
  else if (at?.unreached) lines.push('', 'bash never reaches this line (it stops earlier).');
  lines.push('', `ftpsync uses: ${shown(doc, name)}`);
  if (name === SECRET) lines.push(...passwordVerdict(doc, ctx));
  if (name === 'RSYNC_PATH') lines.push(...moduleInfo(doc, ctx));
  return lines.join('\n');
}

function shown(doc: FtpsyncDoc, name: string): string {
  const e = effective(doc, name);
  if (e.value === undefined) {
    if (finalValue(doc, name))
      return 'not known here (it depends on something that runs when ftpsync starts, or on the environment)';
    const fallback = variable(name)?.default;
    return fallback ? `its default, ${fallback}` : 'unset';
  }
  if (name === SECRET) return e.value === '' ? 'no password' : 'a password (not shown)';
  return `${e.value === '' ? 'empty' : quote(e.value, 300)}${e.fromDefault ? " (ftpsync's default)" : ''}`;
}

function passwordVerdict(doc: FtpsyncDoc, ctx: CheckContext): string[] {
  const found = loginVerdict(doc, ctx);
  if (found?.verdict.kind !== 'password') return [];
  const where = `\`[${found.module.view.name}]\` (${found.module.conf.name}, ${found.verdict.secretsPath})`;
  return [
    '',
    found.verdict.matches
      ? `Matches the password of this user in ${where}.`
      : `Does **not** match the password of this user in ${where}.`,
  ];
}

function moduleInfo(doc: FtpsyncDoc, ctx: CheckContext): string[] {
  const path = effective(doc, 'RSYNC_PATH').value;
  if (path === undefined) return [];
  const module = findModule(upstreamConfs(doc, ctx), moduleName(path));
  if (!module) return [];
  const comment = module.view.value('comment');
  const users = module.view.value('authusers');
  return [
    '',
    `Upstream module \`[${module.view.name}]\` in ${module.conf.name}${comment ? `: ${comment}` : ''}${users ? `; auth users: ${quote(users, 120)}` : ' (anonymous)'}`,
  ];
}
