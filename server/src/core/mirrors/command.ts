import type { RunmirrorsSettings } from './conf';
import { firstWord, parseUrl, pushType, type MirrorEntry } from './parser';
import { analyzeSshOptions } from './sshopts';

// The ssh command runmirrors' `signal` function builds for a line (ftpsync 20180513+nmu1), for hovers
// and the tree's tooltips. Checked against the real script with a logging fake ssh.

export interface PushPlan {
  /** The remote commands sent, one per ssh run (staged/mhop send stage1 then stage2). */
  commands: string[];
  argv: string[];
  /** Why nothing is sent, when nothing is. */
  skipped?: string;
}

/** runmirrors' `-k`: `mhop` (its default) tells mhop downstreams `sync:mhop`; `stage2` sends only stage2. */
export type PushKind = 'all' | 'mhop' | 'stage2';

export function pushPlan(
  entry: MirrorEntry,
  settings: Pick<RunmirrorsSettings, 'keyFile' | 'sshOpts'> | undefined,
  pushArchive = '',
  pushKind: PushKind = 'mhop',
): PushPlan {
  const type = pushType(entry);
  if (!type) return { commands: [], argv: [], skipped: `unknown type ${entry.type.value}` };
  if (entry.url && entry.url.scheme !== 'ssh+ftpsync') return { commands: [], argv: [], skipped: 'wrong scheme' };
  if (entry.restKind === 'unknown' || entry.restKind === 'aborts')
    return { commands: [], argv: [], skipped: "I don't know what is configured" };
  const { host, user, archive } = signalTarget(entry);
  // `ssh -n $hostname …`: an empty host is no argument at all.
  const argv = [
    'ssh',
    '-n',
    ...(host ? [host] : []),
    '-o',
    `user=${user}`,
    '-o',
    'BatchMode=yes',
    '-o',
    'ServerAliveInterval=45',
    '-o',
    'ConnectTimeout=45',
    '-o',
    'PasswordAuthentication=no',
  ];
  argv.push(...(settings?.sshOpts ?? '-o StrictHostKeyChecking=no').split(/[ \t]+/).filter(Boolean));
  let proto = '2';
  let key = settings?.keyFile ?? '~/.ssh/pushmirror';
  let options: string[] = [];
  if (entry.restKind === 'options' && entry.rest) {
    proto = '';
    options = analyzeSshOptions(entry.rest).kept.map((w) => w.value);
  } else if (entry.restKind === 'legacy' && entry.protocol && entry.keyFile) {
    proto = entry.protocol.value;
    key = entry.keyFile.value;
  }
  if (key) argv.push('-i', key);
  argv.push(...options);
  if (proto) argv.push(`-${proto}`);
  const base = `sync:archive:${archive ?? pushArchive}${pushKind === 'mhop' && type === 'mhop' ? ' sync:mhop' : ''}`;
  const stages = pushKind === 'stage2' ? [`${base} sync:stage2`] : [`${base} sync:stage1`, `${base} sync:stage2`];
  const commands = type === 'all' ? [`${base} sync:all`] : stages;
  return { commands, argv };
}

/**
 * Host, user and archive exactly as runmirrors hands them to ssh: unlike `target()` (used to connect),
 * a CR of a CRLF line stays where bash leaves it, and a value with a blank (possible only through a
 * backslash) is cut at it by `local`.
 */
function signalTarget(entry: MirrorEntry): { host: string; user: string; archive?: string } {
  const url = entry.url && entry.host ? (parseUrl(entry.host.value) ?? entry.url) : undefined;
  if (url)
    return {
      host: firstWord(url.host),
      user: firstWord(url.user ?? ''),
      ...(url.archive !== undefined ? { archive: url.archive } : {}),
    };
  return { host: firstWord(entry.host?.value ?? ''), user: firstWord(entry.user?.value ?? '') };
}

const CONTROL = /[\x00-\x1f\x7f]/g;

/** A shell-like rendering of argv for display; control characters (a CR from a CRLF file) are shown as `$'…\r'`. */
export function renderArgv(argv: readonly string[]): string {
  return argv
    .map((a) => {
      if (a === '') return "''";
      if (new RegExp(CONTROL.source).test(a)) {
        const escaped = a
          .replace(/[\\']/g, '\\$&')
          .replace(
            CONTROL,
            (c) =>
              ({ '\r': '\\r', '\n': '\\n', '\t': '\\t' })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
          );
        return `$'${escaped}'`;
      }
      return /[^\w@%+=:,./~-]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a;
    })
    .join(' ');
}
