import * as os from 'node:os';
import * as path from 'node:path';
import type { Downstream } from './downstream';
import { resolvePath, type SshConfigFile } from './sshConfig';

// Effective connection settings for one downstream, in OpenSSH's order of precedence ("the first
// obtained value is used"): the downstream's own fields (runmirrors passes `-o user=USER` first),
// then its ssh options from the mirror list, then ~/.ssh/config, then defaults. Key files
// accumulate like ssh's: the master key (runmirrors' `-i KEYFILE`), `-i`/IdentityFile options,
// then the config's IdentityFile lines. Options that would weaken checking
// (StrictHostKeyChecking=no, UserKnownHostsFile=/dev/null) are ignored and reported.

export interface ConnectionSettings {
  /** Where to connect (HostName applied). */
  address: string;
  port: number;
  user: string;
  /** Name looked up in known_hosts: HostKeyAlias, else the HostName, as OpenSSH does. */
  hostKeyName: string;
  keyFiles: string[];
  /** Offer the agent's keys too (never when IdentitiesOnly=yes). */
  useAgent: boolean;
  connectTimeoutMs: number;
  keepaliveMs: number;
  /** Extra known_hosts files named by UserKnownHostsFile / GlobalKnownHostsFile. */
  knownHostsFiles: string[];
  /** Options we read but do not follow, for the log. */
  ignored: string[];
}

export interface SettingsContext {
  sshConfig: SshConfigFile;
  /** runmirrors' KEYFILE (absolute); undefined: ~/.ssh/pushmirror. */
  defaultKeyFile?: string;
  home?: string;
  /** Caller's wish; ssh options and ssh_config may lower or raise it. runmirrors: 45 s. */
  connectTimeoutMs?: number;
  keepaliveMs?: number;
  agent?: boolean;
}

const ARG_FLAGS = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/** `-p 22`, `-p22`, `-oKey=value`, `-o Key value` → [flag, argument] pairs. */
export function parseSshWords(words: readonly string[]): { flag: string; arg?: string }[] {
  const out: { flag: string; arg?: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-') || w.length < 2) continue;
    for (let j = 1; j < w.length; j++) {
      const flag = w[j];
      if (!ARG_FLAGS.has(flag)) {
        out.push({ flag });
        continue;
      }
      const arg = j + 1 < w.length ? w.slice(j + 1) : words[++i];
      out.push({ flag, ...(arg !== undefined ? { arg } : {}) });
      break;
    }
  }
  return out;
}

/** `-o` options as lower-cased key → value (first wins), plus the short flags mapped to their keys. */
export function optionsFromWords(words: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const put = (k: string, v: string) => map.set(k, [...(map.get(k) ?? []), v]);
  for (const { flag, arg } of parseSshWords(words)) {
    if (arg === undefined) continue;
    if (flag === 'o') {
      const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(arg);
      if (m) put(m[1].toLowerCase(), m[2].replace(/^"(.*)"$/, '$1'));
    } else if (flag === 'p') put('port', arg);
    else if (flag === 'l') put('user', arg);
    else if (flag === 'i') put('identityfile', arg);
    else if (flag === 'F') put('#configfile', arg);
  }
  return map;
}

const seconds = (v: string | undefined): number | undefined => {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
};

export function resolveSettings(d: Downstream, ctx: SettingsContext): ConnectionSettings {
  const home = ctx.home ?? os.homedir();
  const sshDir = path.join(home, '.ssh');
  const words = optionsFromWords(d.sshOptions ?? []);
  const conf = ctx.sshConfig.compute(d.host);
  const first = (key: string): string | undefined => {
    const w = words.get(key)?.[0];
    if (w !== undefined) return w;
    const c = conf[key];
    return Array.isArray(c) ? c[0] : c;
  };
  const ignored: string[] = [];
  const strict = first('stricthostkeychecking');
  if (strict && !/^(yes|ask)$/i.test(strict))
    ignored.push(`StrictHostKeyChecking=${strict} (unknown and changed host keys are always refused)`);
  const knownHostsFiles = [...(words.get('userknownhostsfile') ?? []), ...(words.get('globalknownhostsfile') ?? [])]
    .flatMap((v) => v.split(/\s+/))
    .filter((f) => {
      if (f !== '/dev/null' && f !== 'none') return true;
      ignored.push(`known_hosts file ${f} (a file that trusts nothing is not a reason to trust everything)`);
      return false;
    })
    .map((f) => resolvePath(f, home, home));

  const address = first('hostname')?.replace(/%h/g, d.host) ?? d.host;
  const port = d.port ?? Number.parseInt(first('port') ?? '22', 10);
  const user = d.user || first('user') || os.userInfo().username;
  const master = ctx.defaultKeyFile ?? path.join(sshDir, 'pushmirror');
  const fromWords = words.get('identityfile') ?? [];
  const confIds =
    conf.identityfile === undefined ? [] : Array.isArray(conf.identityfile) ? conf.identityfile : [conf.identityfile];
  const keyFiles = [
    ...new Set(
      [...(d.keyFiles?.length ? d.keyFiles : [master]), ...fromWords, ...confIds].map((f) =>
        resolvePath(f, home, home),
      ),
    ),
  ];
  const identitiesOnly = /^yes$/i.test(first('identitiesonly') ?? 'no');
  const connectTimeoutMs =
    seconds(words.get('connecttimeout')?.[0]) ?? ctx.connectTimeoutMs ?? seconds(first('connecttimeout')) ?? 45_000;
  const keepaliveMs = seconds(first('serveraliveinterval')) ?? ctx.keepaliveMs ?? 45_000;
  return {
    address,
    port: Number.isFinite(port) && port > 0 ? port : 22,
    user,
    hostKeyName: first('hostkeyalias') ?? address,
    keyFiles,
    useAgent: !!ctx.agent && !identitiesOnly,
    connectTimeoutMs,
    keepaliveMs,
    knownHostsFiles,
    ignored,
  };
}
