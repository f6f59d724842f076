import type { VarValue } from './bash/expand';

// What ftpsync has set when it sources the config, so `$VAR` in the file expands as it does at run
// time. ftpsync 20180513 is built in two flavours from one source (archvsync's Makefile): Debian's
// package (/usr/bin/ftpsync: CONFDIRS ~/.config/ftpsync and /etc/ftpsync, LOGDIR ~/.local/log/ftpsync,
// no BASEDIR) and the archvsync tarball run from its own home (bin/ftpsync: BASEDIR is the home,
// CONFDIRS starts with $BASEDIR/etc, LOGDIR $BASEDIR/log, LOCKDIR $BASEDIR/locks). Where the file
// lives says which one reads it; elsewhere either may, and what differs is unknown, not guessed.

export const FTPSYNC_VERSION = '20180513+nmu1';

export type Flavor = 'package' | 'tarball' | 'either';

export interface FtpsyncSetting {
  flavor: Flavor;
  /** `ftpsync` or `ftpsync-<archive>` (the config `ftpsync -a ARCHIVE` reads is ftpsync-ARCHIVE.conf). */
  name: string;
  archive: string;
  /** The mirror user's home, when the path tells it. */
  home?: string;
  /** The archvsync home (tarball flavour). */
  basedir?: string;
  path?: string;
}

const ARCHIVE_NAME = /^ftpsync(?:-(.+?))?\.conf(?:\.sample)?$/;

/** Which ftpsync reads the file at `path`, with the user's home when the path shows it. */
export function ftpsyncSetting(path: string | undefined, homeGuess?: string): FtpsyncSetting {
  const normalized = path?.replace(/\\/g, '/');
  const base = normalized?.slice(normalized.lastIndexOf('/') + 1) ?? 'ftpsync.conf';
  const archive = ARCHIVE_NAME.exec(base)?.[1] ?? '';
  const name = archive ? `ftpsync-${archive}` : 'ftpsync';
  const setting: FtpsyncSetting = { flavor: 'either', name, archive, ...(path ? { path } : {}) };
  if (!normalized) return setting;
  const dir = normalized.slice(0, normalized.lastIndexOf('/'));
  const configHome = /^(.*)\/\.config\/ftpsync$/.exec(dir);
  if (configHome) return { ...setting, flavor: 'package', home: configHome[1] || '/' };
  if (dir === '/etc/ftpsync') return { ...setting, flavor: 'package', ...home(homeGuess) };
  const etc = /^(.+)\/etc$/.exec(dir);
  if (etc) return { ...setting, flavor: 'tarball', basedir: etc[1], ...home(homeGuess) };
  return { ...setting, ...home(homeGuess && normalized.startsWith(`${homeGuess}/`) ? homeGuess : undefined) };
}

function home(guess: string | undefined): { home?: string } {
  return guess ? { home: guess } : {};
}

const set = (value: string, extra: Partial<{ array: boolean; exported: boolean }> = {}): VarValue => ({
  state: 'set',
  value,
  ...extra,
});
const unknown: VarValue = { state: 'unknown' };
const maybe: VarValue = { state: 'unknown', maybeUnset: true };

/** Variables bash itself always sets (their values differ per run). */
const BASH_VARIABLES = [
  'BASH',
  'BASHOPTS',
  'BASHPID',
  'BASH_ARGC',
  'BASH_ARGV',
  'BASH_LINENO',
  'BASH_SOURCE',
  'BASH_SUBSHELL',
  'BASH_VERSINFO',
  'BASH_VERSION',
  'DIRSTACK',
  'EPOCHREALTIME',
  'EPOCHSECONDS',
  'EUID',
  'FUNCNAME',
  'GROUPS',
  'HOSTNAME',
  'HOSTTYPE',
  'IFS',
  'LINENO',
  'MACHTYPE',
  'OPTERR',
  'OSTYPE',
  'PIPESTATUS',
  'PPID',
  'PS4',
  'PWD',
  'RANDOM',
  'SECONDS',
  'SHELLOPTS',
  'SHLVL',
  'SRANDOM',
  'UID',
];

/** Environment variables cron and sshd give every run; ftpsync itself needs LOGNAME (MAILTO's default). */
export const RUN_ENVIRONMENT = ['HOME', 'LOGNAME', 'PATH', 'SHELL'];
/** Present in some runs only (sshd sets USER and the SSH_* ones; cron does not). */
const MAYBE_ENVIRONMENT = [
  'USER',
  'LANG',
  'LC_ALL',
  'TERM',
  'MAIL',
  'SSH_ORIGINAL_COMMAND',
  'SSH_CONNECTION',
  'SSH_CLIENT',
  'TZ',
];

/** ftpsync's variables and the environment at the moment it sources the config (`. "$config"` in read_config). */
export function initialVariables(setting: FtpsyncSetting): Map<string, VarValue> {
  const vars = new Map<string, VarValue>();
  for (const name of BASH_VARIABLES) vars.set(name, unknown);
  for (const name of RUN_ENVIRONMENT) vars.set(name, { state: 'unknown', exported: true });
  for (const name of MAYBE_ENVIRONMENT) vars.set(name, { ...maybe, exported: true });
  if (setting.home) vars.set('HOME', set(setting.home, { exported: true }));
  vars.set('VERSION', set(FTPSYNC_VERSION));
  vars.set('NAME', set(setting.name));
  vars.set('ARCHIVE', set(setting.archive));
  // Set from the push's command (sync:stage1, sync:all…) before the config is read.
  for (const name of ['SYNCSTAGE1', 'SYNCSTAGE2', 'SYNCALL', 'SYNCMHOP', 'SYNCCALLBACK', 'OPTIND', 'option'])
    vars.set(name, unknown);
  vars.set('INFO_TRIGGER', maybe);
  // read_config's own locals are visible to the sourced file.
  vars.set('name', set(`${setting.name}.conf`));
  vars.set('config', setting.path ? set(setting.path) : unknown);
  const inHome = (rel: string) => (setting.home ? set(`${setting.home}/${rel}`) : unknown);
  if (setting.flavor === 'package') {
    vars.set(
      'CONFDIRS',
      setting.home ? set(`${setting.home}/.config/ftpsync`, { array: true }) : { ...unknown, array: true },
    );
    vars.set('LOCKDIR', inHome('.local/lock/ftpsync'));
    vars.set('LOGDIR', inHome('.local/log/ftpsync'));
  } else if (setting.flavor === 'tarball' && setting.basedir) {
    vars.set('BASEDIR', set(setting.basedir));
    vars.set('BINDIR', set(`${setting.basedir}/bin`));
    vars.set('CONFDIRS', set(`${setting.basedir}/etc`, { array: true }));
    vars.set('LOCKDIR', set(`${setting.basedir}/locks`));
    vars.set('LOGDIR', set(`${setting.basedir}/log`));
  } else {
    for (const name of ['BASEDIR', 'BINDIR', 'LOCKDIR', 'LOGDIR']) vars.set(name, unknown);
    vars.set('CONFDIRS', { ...unknown, array: true });
  }
  return vars;
}
