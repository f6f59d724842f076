import { moduleViews, sectionKey, type ModuleView } from '../rsyncd/parser';
import { parseRsyncdCached } from '../rsyncd/parser';
import { decideUser, readSecrets } from '../secrets/crossfile';
import { moduleAuth, normalizePath, resolveSecretsPath, type ModuleAuth } from '../secrets/modules';
import { parseSecrets, type SecretsEntry } from '../secrets/parser';
import type { CheckContext, WorkspaceDocument } from '../types';
import { effective, type FtpsyncDoc } from './model';

// The downstream's settings against its upstream's files, when those are in the workspace: the module
// RSYNC_PATH names in an rsyncd.conf, its `auth users`, and the password of RSYNC_USER in its secrets
// file. An rsyncd.conf with a module serving this config's own TO is this mirror's own daemon (a hub
// serving its downstreams), not its upstream, and is left out. Passwords are compared, never copied.

export interface UpstreamConf {
  doc: WorkspaceDocument;
  name: string;
  views: ModuleView[];
  auth: ModuleAuth[];
}

export interface UpstreamModule {
  conf: UpstreamConf;
  view: ModuleView;
  auth?: ModuleAuth;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The rsyncd.conf files of the workspace that may be this mirror's upstream. */
export function upstreamConfs(doc: FtpsyncDoc, ctx: CheckContext): UpstreamConf[] {
  const to = effective(doc, 'TO').value;
  const own = to ? normalizePath(to) : undefined;
  const out: UpstreamConf[] = [];
  for (const conf of ctx.workspace ?? []) {
    if (conf.languageId !== 'rsyncd-conf') continue;
    const parsed = parseRsyncdCached(conf.text);
    const views = moduleViews(parsed);
    if (own && views.some((v) => v.value('path') !== undefined && normalizePath(v.value('path')!) === own)) continue;
    out.push({ doc: conf, name: baseName(conf.path ?? conf.uri), views, auth: moduleAuth(parsed).modules });
  }
  return out;
}

/** The module a client asking for `name` gets: rsync compares names exactly (`lp_number`, strcmp). */
export function findModule(confs: readonly UpstreamConf[], name: string): UpstreamModule | undefined {
  for (const conf of confs) {
    const view = conf.views.find((v) => v.name === name);
    if (view) return { conf, view, auth: conf.auth.find((a) => sectionKey(a.name) === view.key) };
  }
  return undefined;
}

/** A module whose name differs from `name` only in case or blanks (a request for `name` gets "Unknown module"). */
export function nearModule(confs: readonly UpstreamConf[], name: string): UpstreamModule | undefined {
  const key = sectionKey(name);
  for (const conf of confs) {
    const view = conf.views.find((v) => v.key === key);
    if (view) return { conf, view };
  }
  return undefined;
}

export type LoginVerdict =
  | { kind: 'anonymous' }
  | { kind: 'user-unknown'; why: 'not-listed' | 'denied' }
  | { kind: 'undecided' }
  | { kind: 'no-secrets'; path?: string }
  | { kind: 'no-password-line'; secretsPath: string }
  | { kind: 'password'; matches: boolean; secretsPath: string; entry: SecretsEntry };

/**
 * What the module's daemon decides for RSYNC_USER and RSYNC_PASSWORD, as far as the files tell:
 * rsync tries `auth users` in order (first match decides) and reads the first `user:` line of the
 * secrets file.
 */
export function judgeLogin(module: UpstreamModule, user: string, password: string, ctx: CheckContext): LoginVerdict {
  const rules = module.auth?.authUsers?.rules;
  if (!rules?.length) return { kind: 'anonymous' };
  const decision = decideUser(rules, user);
  if (decision.groupRulesBefore.length) return { kind: 'undecided' };
  if (!decision.rule) return { kind: 'user-unknown', why: 'not-listed' };
  if (decision.rule.access === 'deny') return { kind: 'user-unknown', why: 'denied' };
  const secrets = module.auth?.secretsFile?.value;
  if (!secrets) return { kind: 'no-secrets' };
  const path = resolveSecretsPath(secrets, module.conf.doc.path) ?? secrets;
  const file = readSecrets(path, ctx) ?? besideConf(module.conf, path, ctx);
  if (!file) return { kind: 'no-secrets', path };
  const entry = parseSecrets(file.text).entries.find((e) => !e.isGroup && e.name === user);
  if (!entry) return { kind: 'no-password-line', secretsPath: path };
  const stored = file.text.slice(entry.passwordSpan.start, entry.passwordSpan.end);
  return { kind: 'password', matches: stored === password, secretsPath: path, entry };
}

/** A copy of the upstream's config in the workspace keeps its secrets file beside it, under the same name. */
function besideConf(conf: UpstreamConf, path: string, ctx: CheckContext): { text: string } | undefined {
  if (!conf.doc.path) return undefined;
  const dir = conf.doc.path.slice(0, conf.doc.path.lastIndexOf('/'));
  const beside = `${dir}/${baseName(path)}`;
  const doc = ctx.workspace?.find((d) => d.path !== undefined && normalizePath(d.path) === normalizePath(beside));
  return doc ? { text: doc.text } : undefined;
}
