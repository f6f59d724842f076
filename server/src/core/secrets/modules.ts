import { parseRsyncd, type ParamEntry, type RsyncdDocument } from '../rsyncd/parser';
import type { Span } from '../types';

// What a secrets file needs to know about the rsyncd.conf modules that use it: each module's effective
// `auth users`, `secrets file` and `strict modes`, resolved as rsync 3.5.0's loadparm.c does (shared
// rsync 3.5.0 loadparm.c): a module copies the bool defaults set in the global part *before* its header, while
// string parameters (`auth users`, `secrets file`) fall back to the *final* global value.

export type Access = 'deny' | 'ro' | 'rw' | undefined;

export interface AuthRule {
  /** The rule as written (`@staff:rw`). */
  text: string;
  /** The wildcard pattern, without `@` and suffix. */
  pattern: string;
  isGroup: boolean;
  access: Access;
  /** Span of the pattern (after any `@`) in the rsyncd.conf text. */
  patternSpan: Span;
  /** Span of the whole rule token in the rsyncd.conf text. */
  span: Span;
}

export interface ModuleAuth {
  name: string;
  /** Header span of the module's first section. */
  headerSpan?: Span;
  authUsers?: { param: ParamEntry; rules: AuthRule[] };
  secretsFile?: { param: ParamEntry; value: string };
  strictModes: boolean;
}

export interface RsyncdAuth {
  modules: ModuleAuth[];
  /** Final global `daemon uid`, when set: the daemon switches to it before it checks secrets files. */
  daemonUid?: string;
  /** Global `auth users` value, for definitions asked from the global part. */
  globalAuthUsers?: ParamEntry;
  globalSecretsFile?: ParamEntry;
}

/** rsync's bool parser: yes/no, true/false, 1/0, ignoring case and whitespace; anything else keeps the old value. */
export function parseBool(value: string): boolean | undefined {
  const v = value.replace(/\s+/g, '').toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return true;
  if (v === 'no' || v === 'false' || v === '0') return false;
  return undefined;
}

export function moduleAuth(doc: RsyncdDocument): RsyncdAuth {
  const globals = new Map<string, ParamEntry>();
  let strictDefault = true;
  const modules = new Map<string, { auth: ModuleAuth; params: Map<string, ParamEntry> }>();
  for (const section of doc.sections) {
    if (section.isGlobal) {
      for (const p of section.params) {
        globals.set(p.key, p);
        if (p.key === 'strictmodes') strictDefault = parseBool(p.value) ?? strictDefault;
      }
      continue;
    }
    // A broken header makes every connection fail; its module does not exist for any login.
    if (section.header?.error) continue;
    let module = modules.get(section.key);
    if (!module) {
      module = {
        auth: {
          name: section.name,
          strictModes: strictDefault,
          ...(section.header ? { headerSpan: section.header.span } : {}),
        },
        params: new Map(),
      };
      modules.set(section.key, module);
    }
    for (const p of section.params) {
      module.params.set(p.key, p);
      if (p.key === 'strictmodes') module.auth.strictModes = parseBool(p.value) ?? module.auth.strictModes;
    }
  }
  const result: RsyncdAuth = { modules: [] };
  for (const { auth, params } of modules.values()) {
    const users = params.get('authusers') ?? globals.get('authusers');
    if (users && users.value !== '') auth.authUsers = { param: users, rules: parseAuthUsers(users) };
    const secrets = params.get('secretsfile') ?? globals.get('secretsfile');
    if (secrets && secrets.value !== '') auth.secretsFile = { param: secrets, value: secrets.value };
    result.modules.push(auth);
  }
  const uid = globals.get('daemonuid');
  if (uid) result.daemonUid = uid.value;
  if (globals.has('authusers')) result.globalAuthUsers = globals.get('authusers');
  if (globals.has('secretsfile')) result.globalSecretsFile = globals.get('secretsfile');
  return result;
}

/**
 * Splits an `auth users` value into rules (rsync 3.5.0 auth.c): on spaces, commas, tabs, CR, LF; or, when
 * the value starts with a comma, on commas only with each item trimmed. The name ends at the first `:`.
 */
export function parseAuthUsers(param: ParamEntry): AuthRule[] {
  const value = param.value;
  const rules: AuthRule[] = [];
  const commaOnly = value.startsWith(',');
  const separator = commaOnly ? /,/ : /[ ,\t\r\n]/;
  let i = 0;
  while (i <= value.length) {
    let j = i;
    while (j < value.length && !separator.test(value[j])) j++;
    let s = i;
    let e = j;
    if (commaOnly) {
      while (s < e && /\s/.test(value[s])) s++;
      while (e > s && /\s/.test(value[e - 1])) e--;
    }
    if (e > s) rules.push(makeRule(param, value.slice(s, e), s));
    i = j + 1;
  }
  return rules;
}

function makeRule(param: ParamEntry, text: string, index: number): AuthRule {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const isGroup = name.startsWith('@');
  const pattern = isGroup ? name.slice(1) : name;
  const patternStart = index + (isGroup ? 1 : 0);
  return {
    text,
    pattern,
    isGroup,
    access: colon < 0 ? undefined : parseAccess(text.slice(colon + 1)),
    patternSpan: pattern.length
      ? { start: param.valueOffset(patternStart), end: param.valueOffset(patternStart + pattern.length - 1) + 1 }
      : { start: param.valueOffset(patternStart), end: param.valueOffset(patternStart) },
    span: { start: param.valueOffset(index), end: param.valueOffset(index + text.length - 1) + 1 },
  };
}

/** authenticate.c: `d…` is deny, `ro`/`rw` (any case) set access, any other suffix is ignored. */
function parseAccess(suffix: string): Access {
  const s = suffix.toLowerCase();
  if (s.startsWith('d')) return 'deny';
  if (s.startsWith('ro')) return 'ro';
  if (s.startsWith('rw')) return 'rw';
  return undefined;
}

const patternCache = new Map<string, RegExp>();

/** rsync's wildmatch() for user and group names: `*`, `?`, `[…]` (with `!`/`^`), `\` escapes; case-sensitive. */
export function wildmatch(pattern: string, name: string): boolean {
  if (!/[*?[\\]/.test(pattern)) return pattern === name;
  let re = patternCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^${wildToRegex(pattern)}$`);
    } catch {
      // A class rsync would read differently (`[z-a]`): never a match rather than a crash.
      re = /(?!)/;
    }
    if (patternCache.size > 500) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re.test(name);
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function wildToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      const double = pattern[i + 1] === '*';
      out += double ? '.*' : '[^/]*';
      while (pattern[i + 1] === '*') i++;
    } else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRe(pattern[++i]);
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      // Keep ranges (`a-z`), escape everything else so the class cannot break the regex.
      const parts = body.split('-').map((p) => p.replace(/[\\^\]\[]/g, '\\$&'));
      out += `[${negate ? '^' : ''}${parts.join('-')}]`;
      i = close;
    } else out += escapeRe(c);
  }
  return out;
}

/** `/a/./b/../c` → `/a/c`; POSIX paths only (rsync daemons run on POSIX hosts). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * Where a `secrets file` value points. Absolute paths are exact. rsync opens relative ones from the
 * daemon's working directory, which we cannot know; the directory of the rsyncd.conf is the usual
 * one for a daemon started beside its config, so that is the best guess.
 */
export function resolveSecretsPath(value: string, confPath: string | undefined): string | undefined {
  if (value.startsWith('/')) return normalizePath(value);
  if (!confPath) return undefined;
  return normalizePath(`${confPath.slice(0, confPath.lastIndexOf('/') + 1)}${value}`);
}

export function parseAuth(text: string): RsyncdAuth {
  return moduleAuth(parseRsyncd(text));
}
