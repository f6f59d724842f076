import { parseRsyncOptions } from '../../../server/src/core/inetd/rsync';
import type { HostTree } from './host';

// systemd unit files as systemd reads them, enough to say whether rsync.service or rsync.socket
// starts the daemon and with which options: the unit search path (the first file found wins),
// drop-ins (`NAME.d/*.conf`, where an empty `ExecStart=` clears the list), masking (a link to
// /dev/null in /etc), enabling (a link in a `*.wants` directory of /etc/systemd/system) and
// `ConditionPathExists=`. Nothing is run: no systemctl.

export const UNIT_DIRS = [
  '/etc/systemd/system',
  '/run/systemd/system',
  '/usr/lib/systemd/system',
  '/lib/systemd/system',
];

export interface Unit {
  name: string;
  /** The host path of the unit file in effect. */
  file: string;
  /** 1-based line of the `ExecStart=` in effect (in `execFile`). */
  execLine?: number;
  execFile?: string;
  /** The command line of the last `ExecStart=`, without systemd's `-`/`@`/`+` prefixes. */
  exec?: string[];
  masked: boolean;
  /**
   * The `*.wants` directories that link the unit (enabled when there is one). The link is looked at, not
   * followed: its absolute target names the host's root, which in a fixture tree is elsewhere.
   */
  wantedBy: string[];
  /** `ConditionPathExists=` paths (a leading `!` negates). */
  conditions: string[];
  /** `Accept=` of a socket unit. */
  accept?: boolean;
  /** `ListenStream=` values of a socket unit. */
  listen: string[];
}

/** Whether the host was booted with systemd as PID 1 (sd_booted(3): /run/systemd/system exists). */
export function bootedWithSystemd(tree: HostTree): boolean {
  return tree.isDirectory('/run/systemd/system');
}

interface Setting {
  key: string;
  value: string;
  line: number;
  file: string;
}

function settings(text: string, file: string): Setting[] {
  const out: Setting[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i].trim();
    const line = i + 1;
    // A trailing backslash continues the value on the next line.
    while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw.slice(0, -1) + ' ' + lines[++i].trim();
    if (!raw || raw.startsWith('#') || raw.startsWith(';') || raw.startsWith('[')) continue;
    const eq = raw.indexOf('=');
    if (eq > 0) out.push({ key: raw.slice(0, eq).trim(), value: raw.slice(eq + 1).trim(), line, file });
  }
  return out;
}

/** Splits an ExecStart command line on blanks, honouring double and single quotes. */
export function splitCommand(value: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

export function readUnit(tree: HostTree, name: string): Unit | undefined {
  const link = tree.linkTarget(`/etc/systemd/system/${name}`);
  const masked = link === '/dev/null';
  const file = UNIT_DIRS.map((d) => `${d}/${name}`).find((p) => tree.exists(p) && tree.read(p) !== undefined);
  if (!file && !masked) return undefined;
  const all = file ? settings(tree.read(file) ?? '', file) : [];
  for (const dir of [...UNIT_DIRS].reverse()) {
    const dropIns = `${dir}/${name}.d`;
    for (const conf of tree.list(dropIns).filter((f) => f.endsWith('.conf')))
      all.push(...settings(tree.read(`${dropIns}/${conf}`) ?? '', `${dropIns}/${conf}`));
  }
  let exec: Setting | undefined;
  for (const s of all.filter((s) => s.key === 'ExecStart')) exec = s.value === '' ? undefined : s;
  const wantedBy = tree
    .list('/etc/systemd/system')
    .filter((d) => d.endsWith('.wants') && tree.lexists(`/etc/systemd/system/${d}/${name}`));
  const accept = all.filter((s) => s.key === 'Accept').pop()?.value;
  return {
    name,
    file: file ?? `/etc/systemd/system/${name}`,
    ...(exec
      ? { exec: splitCommand(exec.value.replace(/^[-@+!:]+/, '')), execLine: exec.line, execFile: exec.file }
      : {}),
    masked,
    wantedBy,
    conditions: all.filter((s) => s.key === 'ConditionPathExists').map((s) => s.value),
    ...(accept !== undefined ? { accept: /^(yes|true|1|on)$/i.test(accept) } : {}),
    listen: all.filter((s) => s.key === 'ListenStream').map((s) => s.value),
  };
}

/** The config file an `rsync --daemon` command line reads, and whether it runs the daemon at all. */
export function rsyncCommand(argv: readonly string[] | undefined): { daemon: boolean; config?: string } | undefined {
  if (!argv?.length || !/(^|\/)rsync$/.test(argv[0])) return undefined;
  let at = 0;
  const words = argv.slice(1).map((value) => {
    const start = at;
    at += value.length + 1;
    return { value, start, end: start + value.length };
  });
  const options = parseRsyncOptions(words);
  const config = options.filter((o) => o.name === '--config').pop()?.value?.value;
  return { daemon: options.some((o) => o.name === '--daemon'), ...(config ? { config } : {}) };
}

/** The conditions that fail on this host, as `ConditionPathExists=` text. */
export function failedConditions(tree: HostTree, unit: Unit): string[] {
  return unit.conditions.filter((c) => {
    const negate = c.startsWith('!');
    const path = negate ? c.slice(1) : c;
    return tree.exists(path) === negate;
  });
}
