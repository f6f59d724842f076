import { parseRsyncdCached, sectionKey } from '../rsyncd/parser';
import type { LocationInfo } from '../service';
import type { CheckContext, WorkspaceDocument } from '../types';
import type { RsyncdDocument } from '../rsyncd/parser';
import {
  moduleAuth,
  normalizePath,
  parseAuthUsers,
  resolveSecretsPath,
  wildmatch,
  type AuthRule,
  type ModuleAuth,
  type RsyncdAuth,
} from './modules';
import { parseSecrets, type SecretsEntry } from './parser';

// The links between a secrets file and the rsyncd.conf modules that name it in `secrets file`.
// Pure: the rsyncd.conf texts come from ctx.workspace, a secrets file's text from the workspace first
// (unsaved edits win), then ctx.host.

export interface ModuleRef {
  module: ModuleAuth;
  conf: WorkspaceDocument;
  /** File name of the rsyncd.conf, for messages. */
  confName: string;
  /** Whether the daemon checks ownership: it runs as root unless the config sets another `daemon uid`. */
  daemonIsRoot: boolean;
}

const authCache = new Map<string, RsyncdAuth>();

function authOf(text: string): RsyncdAuth {
  let auth = authCache.get(text);
  if (!auth) {
    auth = moduleAuth(parseRsyncdCached(text));
    if (authCache.size > 50) authCache.clear();
    authCache.set(text, auth);
  }
  return auth;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The modules of the workspace's rsyncd.conf files whose effective `secrets file` is the file at `ctx.path`. */
export function referencingModules(ctx: CheckContext): ModuleRef[] {
  if (!ctx.path || !ctx.workspace) return [];
  const self = normalizePath(ctx.path);
  const refs: ModuleRef[] = [];
  for (const conf of ctx.workspace) {
    if (conf.languageId !== 'rsyncd-conf') continue;
    const auth = authOf(conf.text);
    const daemonIsRoot = auth.daemonUid === undefined || auth.daemonUid === 'root' || auth.daemonUid === '0';
    for (const module of auth.modules) {
      if (!module.secretsFile) continue;
      if (resolveSecretsPath(module.secretsFile.value, conf.path) !== self) continue;
      refs.push({ module, conf, confName: baseName(conf.path ?? conf.uri), daemonIsRoot });
    }
  }
  return refs;
}

/** `rsyncd.conf:12`: where in the referencing config a span (an `auth users` rule, say) is, 1-based. */
export function confLine(ref: ModuleRef, offset: number): string {
  let line = 1;
  for (let i = ref.conf.text.indexOf('\n'); i >= 0 && i < offset; i = ref.conf.text.indexOf('\n', i + 1)) line++;
  return `${ref.confName}:${line}`;
}

export interface UserDecision {
  /** The first user (non-`@`) rule that matches, which decides unless a group rule matched earlier. */
  rule?: AuthRule;
  /** `@group` rules before it: whether they match depends on group membership on the daemon host. */
  groupRulesBefore: AuthRule[];
}

/** rsync tries the `auth users` rules in order and the first matching one decides. */
export function decideUser(rules: readonly AuthRule[], user: string): UserDecision {
  const groupRulesBefore: AuthRule[] = [];
  for (const rule of rules) {
    if (rule.isGroup) groupRulesBefore.push(rule);
    else if (wildmatch(rule.pattern, user)) return { rule, groupRulesBefore };
  }
  return { groupRulesBefore };
}

/**
 * The `auth users` rules that name a user (no wildcard, not denied) who has no line rsync would read
 * in `entries`. A user an earlier allowing `@group` rule may let in is left out when the file has
 * `@group:` lines: that login may use one of those instead.
 */
export function usersWithoutLine(rules: readonly AuthRule[], entries: readonly SecretsEntry[]): AuthRule[] {
  const names = new Set(entries.map((e) => e.name));
  const hasGroupLines = entries.some((e) => e.isGroup);
  return rules.filter((rule) => {
    if (rule.isGroup || rule.pattern === '' || /[*?[\\]/.test(rule.pattern) || names.has(rule.pattern)) return false;
    const decision = decideUser(rules, rule.pattern);
    if (decision.rule?.access === 'deny') return false;
    return !(hasGroupLines && decision.groupRulesBefore.some((r) => r.access !== 'deny'));
  });
}

/**
 * From the rsyncd.conf side: each `auth users` user of this config's modules whose secrets file (an
 * open or indexed document, else this machine's file when file checks are on) has no line for them.
 */
export function authUsersWithoutSecret(
  doc: RsyncdDocument,
  ctx: CheckContext,
): { rule: AuthRule; module: ModuleAuth; secretsPath: string }[] {
  const found: { rule: AuthRule; module: ModuleAuth; secretsPath: string }[] = [];
  for (const module of moduleAuth(doc).modules) {
    const rules = module.authUsers?.rules ?? [];
    if (!rules.length || !module.secretsFile) continue;
    const secretsPath = resolveSecretsPath(module.secretsFile.value, ctx.path);
    const file = secretsPath ? readSecrets(secretsPath, ctx) : undefined;
    if (!secretsPath || !file) continue;
    for (const rule of usersWithoutLine(rules, parseSecrets(file.text).entries))
      found.push({ rule, module, secretsPath });
  }
  return found;
}

/** Whether some rule may let `user` in (its own rule, or a group rule it might match first). */
export function mayAccept(rules: readonly AuthRule[], user: string): boolean {
  const d = decideUser(rules, user);
  return (!!d.rule && d.rule.access !== 'deny') || d.groupRulesBefore.some((r) => r.access !== 'deny');
}

/** The allowing `@group` rules whose pattern matches `group`: an `@group:` line is read only for those. */
export function groupRulesFor(rules: readonly AuthRule[], group: string): AuthRule[] {
  return rules.filter((r) => r.isGroup && r.access !== 'deny' && wildmatch(r.pattern, group));
}

/** Text of the secrets file at `path`: an open or indexed document first, then the disk. */
export function readSecrets(path: string, ctx: CheckContext): { text: string; uri?: string } | undefined {
  const doc = ctx.workspace?.find((d) => d.path !== undefined && normalizePath(d.path) === path);
  if (doc) return { text: doc.text, uri: doc.uri };
  const text = ctx.host?.readText(path);
  return text === undefined ? undefined : { text };
}

/** The lines rsync would read for `rule`: the first line of each matching user (or `@group`). */
export function linesForRule(entries: readonly SecretsEntry[], rule: AuthRule): SecretsEntry[] {
  const seen = new Set<string>();
  const found: SecretsEntry[] = [];
  for (const entry of entries) {
    if (entry.isGroup !== rule.isGroup || seen.has(entry.name)) continue;
    seen.add(entry.name);
    if (wildmatch(rule.pattern, rule.isGroup ? (entry.group ?? '') : entry.name)) found.push(entry);
  }
  return found;
}

/**
 * Go-to-definition from an `auth users` entry of an rsyncd.conf (at `offset` of `rsyncdText`) to the
 * line of the module's secrets file that rsync reads for it. Offered by the rsyncd.conf service.
 */
export function findSecretsDefinition(rsyncdText: string, offset: number, ctx: CheckContext): LocationInfo[] {
  const doc = parseRsyncdCached(rsyncdText);
  for (const section of doc.sections) {
    for (const param of section.params) {
      if (param.key !== 'authusers' || offset < param.valueSpan.start || offset > param.valueSpan.end) continue;
      const rule = parseAuthUsers(param).find((r) => offset >= r.span.start && offset <= r.span.end);
      if (!rule) return [];
      const auth = authOf(rsyncdText);
      const secrets = section.isGlobal
        ? auth.globalSecretsFile?.value
        : auth.modules.find((m) => sectionKey(m.name) === section.key)?.secretsFile?.value;
      const path = secrets ? resolveSecretsPath(secrets, ctx.path) : undefined;
      const file = path ? readSecrets(path, ctx) : undefined;
      if (!path || !file) return [];
      return linesForRule(parseSecrets(file.text).entries, rule).map((e) => ({
        target: path,
        start: e.nameSpan.start,
        end: e.nameSpan.end,
        ...(file.uri ? { uri: file.uri } : {}),
      }));
    }
  }
  return [];
}
