import { moduleViews, parseRsyncd, type ParamEntry, type RsyncdDocument } from '../../../server/src/core/rsyncd/parser';

// Text edits on rsyncd.conf that give a new user access to a module (rsync 3.5.0 rsyncd.conf(5), "auth users"): `auth
// users` is split on spaces/commas/tabs, or on commas only when the value starts with a comma; the first matching
// rule decides. The edits keep the list's separator style and its comma-only mode, and touch nothing else in the
// file. Offsets are document offsets of the text that was parsed.

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface AuthUsersRule {
  pattern: string;
  /** `deny`, `ro`, `rw`, or undefined for none. */
  access?: 'deny' | 'ro' | 'rw';
}

export function parseAuthUsers(value: string): AuthUsersRule[] {
  const commaOnly = value.startsWith(',');
  const items = commaOnly ? value.split(',').map((s) => s.trim()) : value.split(/[ ,\t\r\n]+/);
  return items.filter(Boolean).map((item) => {
    const colon = item.lastIndexOf(':');
    const suffix = colon > 0 ? item.slice(colon + 1).toLowerCase() : '';
    const access = suffix.startsWith('d') ? 'deny' : suffix === 'ro' || suffix === 'rw' ? suffix : undefined;
    return { pattern: colon > 0 ? item.slice(0, colon) : item, ...(access ? { access } : {}) } as AuthUsersRule;
  });
}

/** rsync's wildmatch for the user part: `*`, `?` and `[…]` classes. */
function wildMatch(pattern: string, name: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        re += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return false;
  }
}

/** The first rule that already decides for `user` (user rules only: group membership is the host's business). */
export function firstMatchingRule(rules: AuthUsersRule[], user: string): AuthUsersRule | undefined {
  return rules.find((r) => !r.pattern.startsWith('@') && wildMatch(r.pattern, user));
}

/**
 * The separator the list already uses, normalised to `,`, `, ` or ` ` (blanks that came from a
 * continuation line are not a style). In comma-only mode only commas separate.
 */
function separatorOf(value: string, commaOnly: boolean): string {
  const body = commaOnly ? value.slice(1) : value;
  const m = commaOnly ? /,([ \t]*)/.exec(body) : /[^\s,]([ \t]*,[ \t]*|[ \t]+)(?=[^\s,])/.exec(body);
  if (!m) return commaOnly ? ', ' : ',';
  if (commaOnly) return m[1] ? ', ' : ',';
  return m[1].includes(',') ? (/,[ \t]/.test(m[1]) ? ', ' : ',') : ' ';
}

export interface AuthUsersChange {
  /** The value after the change, as rsync will read it. */
  value: string;
  /** Where the new rule went: `last` normally, `first` when an earlier rule would otherwise decide. */
  position: 'first' | 'last';
  /** The rule that would have decided for the user had it been appended (e.g. `*:deny`). */
  shadowedBy?: AuthUsersRule;
}

/**
 * Adds `user` to an `auth users` value. Appended at the end, unless an existing rule already
 * matches the user (a wildcard or a deny): then it goes first, so the new user's own rule decides.
 * Returns the insertion as an offset into `value` plus the text, and the resulting value.
 */
export function addToAuthUsers(value: string, user: string): { index: number; text: string; change: AuthUsersChange } {
  const rules = parseAuthUsers(value);
  if (rules.some((r) => r.pattern === user)) throw new RangeError(`\`${user}\` is already in auth users`);
  const commaOnly = value.startsWith(',');
  const sep = separatorOf(value, commaOnly);
  const shadow = firstMatchingRule(rules, user);
  let index: number;
  let text: string;
  if (!rules.length) {
    index = value.length;
    text = commaOnly ? `${sep.startsWith(',') ? sep.slice(1) : sep}${user}` : user;
  } else if (shadow) {
    // Before the first item: after the leading comma (and its blanks) in comma-only mode.
    index = commaOnly ? 1 + (/^[ \t]*/.exec(value.slice(1))?.[0].length ?? 0) : 0;
    text = `${user}${sep}`;
  } else {
    index = value.length;
    text = `${sep}${user}`;
  }
  const newValue = value.slice(0, index) + text + value.slice(index);
  return {
    index,
    text,
    change: { value: newValue, position: shadow ? 'first' : 'last', ...(shadow ? { shadowedBy: shadow } : {}) },
  };
}

export interface ModuleAuthPlan {
  edits: TextEdit[];
  change: AuthUsersChange;
  /** The module had no auth users: it was open to anyone and will now ask for a password. */
  becomesRestricted: boolean;
  /** `auth users` came from a global section: a module line now overrides it (with the global list copied). */
  copiedFromGlobal: boolean;
  /** The secrets file the module uses (as written), or the one this plan adds. */
  secretsFile?: string;
  addsSecretsFile: boolean;
}

/** Indentation and position for a new line at the end of a module (after its last parameter). */
function moduleInsertPoint(
  doc: RsyncdDocument,
  moduleName: string,
): { offset: number; indent: string; newlineBefore: boolean } {
  const view = moduleViews(doc).find((m) => m.name === moduleName)!;
  const section = view.sections[view.sections.length - 1];
  const last: ParamEntry | undefined = section.params[section.params.length - 1];
  const anchorEnd = last ? last.span.end : section.header!.span.end;
  const lineEnd = doc.text.indexOf('\n', anchorEnd);
  const lineStart = last ? doc.text.lastIndexOf('\n', last.span.start - 1) + 1 : 0;
  const indent = last ? /^[ \t]*/.exec(doc.text.slice(lineStart))![0] : '  ';
  return lineEnd < 0
    ? { offset: doc.text.length, indent, newlineBefore: true }
    : { offset: lineEnd + 1, indent, newlineBefore: false };
}

/**
 * The rsyncd.conf edits that let `user` into `moduleName`: the `auth users` change, plus a
 * `secrets file` line when the module has none (then `secretsFile` must be given).
 */
export function planModuleAuth(text: string, moduleName: string, user: string, secretsFile?: string): ModuleAuthPlan {
  const doc = parseRsyncd(text);
  const view = moduleViews(doc).find((m) => m.name === moduleName);
  if (!view) throw new RangeError(`no module [${moduleName}] in this file`);
  const own = view.own('authusers');
  const effective = view.get('authusers');
  const existingSecrets = view.get('secretsfile')?.value;
  if (!existingSecrets && !secretsFile) throw new RangeError(`[${moduleName}] has no secrets file; choose one`);
  const edits: TextEdit[] = [];
  const newLines: string[] = [];
  let change: AuthUsersChange;
  if (own) {
    const add = addToAuthUsers(own.value, user);
    const at = own.valueOffset(add.index);
    edits.push({ start: at, end: at, newText: add.text });
    change = add.change;
  } else {
    const add = addToAuthUsers(effective?.value ?? '', user);
    change = add.change;
    newLines.push(`auth users = ${change.value}`);
  }
  const addsSecretsFile = !existingSecrets;
  if (addsSecretsFile) newLines.push(`secrets file = ${secretsFile}`);
  if (newLines.length) {
    const point = moduleInsertPoint(doc, moduleName);
    const body = newLines.map((l) => `${point.indent}${l}\n`).join('');
    edits.push({
      start: point.offset,
      end: point.offset,
      newText: point.newlineBefore ? `\n${body.replace(/\n$/, '')}` : body,
    });
  }
  return {
    edits,
    change,
    becomesRestricted: !effective?.value.trim() || !parseAuthUsers(effective.value).length,
    copiedFromGlobal: !own && !!effective,
    ...(existingSecrets || secretsFile ? { secretsFile: existingSecrets ?? secretsFile } : {}),
    addsSecretsFile,
  };
}

/** Applies non-overlapping edits to a text (for tests and the CLI-free callers). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

/** The module names of a file, as clients request them. */
export function moduleNames(text: string): string[] {
  return moduleViews(parseRsyncd(text)).map((m) => m.name);
}
