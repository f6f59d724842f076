import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type RunResult } from './process';
import { Rsyncd } from './rsyncd';

// Debian's real ftpsync (package ftpsync 20180513+nmu1) on loopback, for differential tests and the
// two-mirror lab: a tiny Debian-shaped archive served by the real rsync daemon with `auth users` and a
// 0600 secrets file (the upstream), and a sandboxed ftpsync home whose ftpsync.conf pulls from it (the
// downstream). ftpsync reads ~/.config/ftpsync/<name>.conf and keeps its locks and logs under
// ~/.local, so a private HOME keeps every run apart. Nothing here leaves 127.0.0.1.

export const FTPSYNC = '/usr/bin/ftpsync';
export const FTPSYNC_VERSION = '20180513+nmu1';

/** The master trace dak writes on ftp-master: date line, `Using dak v1`, host, serial, date. */
export function masterTrace(serial: string, when = new Date()): string {
  return [
    dateLine(when),
    'Using dak v1',
    'Running on host: ftp-master.example.org',
    `Archive serial: ${serial}`,
    `Date: ${when.toUTCString().replace('GMT', '+0000')}`,
    '',
  ].join('\n');
}

/** `date -u` output, as the first line of every trace. */
export function dateLine(when: Date): string {
  const [day, , , , time] = when.toUTCString().split(' ');
  const month = when.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  const date = String(when.getUTCDate()).padStart(2, ' ');
  return `${day!.replace(',', '')} ${month} ${date} ${time} UTC ${when.getUTCFullYear()}`;
}

export interface ArchiveOptions {
  serial?: string;
  suites?: string[];
  architectures?: string[];
}

/**
 * Writes a tiny archive as ftp-master publishes it: dists/<suite>/main/{binary-<arch>,source},
 * pool/ with one package per architecture plus `_all` and a source, project/trace/master.
 */
export function writeArchive(dir: string, options: ArchiveOptions = {}): void {
  const suites = options.suites ?? ['bookworm'];
  const archs = options.architectures ?? ['amd64', 'arm64', 'i386'];
  const pool = path.join(dir, 'pool/main/h/hello');
  fs.mkdirSync(pool, { recursive: true, mode: 0o755 });
  for (const arch of [...archs, 'all']) fs.writeFileSync(path.join(pool, `hello_1.0_${arch}.deb`), `deb ${arch}\n`);
  fs.writeFileSync(path.join(pool, 'hello_1.0.dsc'), 'dsc\n');
  fs.writeFileSync(path.join(pool, 'hello_1.0.tar.xz'), 'source\n');
  for (const suite of suites) {
    const main = path.join(dir, 'dists', suite, 'main');
    for (const arch of archs) {
      fs.mkdirSync(path.join(main, `binary-${arch}`), { recursive: true });
      fs.writeFileSync(path.join(main, `binary-${arch}`, 'Packages'), `Package: hello\nArchitecture: ${arch}\n`);
    }
    fs.mkdirSync(path.join(main, 'source'), { recursive: true });
    fs.writeFileSync(path.join(main, 'source', 'Sources'), 'Package: hello\n');
    fs.writeFileSync(path.join(dir, 'dists', suite, 'Release'), `Suite: ${suite}\n`);
  }
  publish(dir, options.serial ?? '2026120601');
}

/**
 * What dak does after a run: new content and a new master trace with the next serial. rsync's quick
 * check skips a file whose size and mtime (whole seconds) did not change, and a new serial of the
 * same length within the same second would be skipped: each write moves the mtime past the last one.
 */
export function publish(dir: string, serial: string, when = new Date()): void {
  fs.mkdirSync(path.join(dir, 'project/trace'), { recursive: true });
  for (const [file, text] of [
    ['project/trace/master', masterTrace(serial, when)],
    ['dists/README', `serial ${serial}\n`],
  ] as const) {
    const full = path.join(dir, file);
    const before = fs.statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    fs.writeFileSync(full, text);
    const seconds = Math.max(Math.floor(Date.now() / 1000), Math.floor(before / 1000) + 1);
    fs.utimesSync(full, seconds, seconds);
  }
}

export interface Upstream {
  daemon: Rsyncd;
  /** The archive the module serves. */
  archive: string;
  module: string;
  user: string;
  password: string;
  port: number;
  dispose(): Promise<void>;
}

/** The upstream: the real rsync daemon serving `archive` as `[module]` to `user` with a 0600 secrets file. */
export async function startUpstream(
  options: { module?: string; user?: string; password?: string; archive?: ArchiveOptions; extra?: string[] } = {},
): Promise<Upstream> {
  const module = options.module ?? 'debian';
  const user = options.user ?? 'eu3';
  const password = options.password ?? 'Lab-Password-4-loopback-only';
  const dir = Rsyncd.makeDir();
  const archive = path.join(dir, 'archive');
  writeArchive(archive, options.archive);
  fs.writeFileSync(path.join(dir, 'rsyncd.secrets'), `${user}:${password}\n`, { mode: 0o600 });
  const config = [
    'use chroot = no',
    `[${module}]`,
    `    path = {{DIR}}/archive`,
    '    read only = yes',
    `    auth users = ${user}`,
    '    secrets file = {{DIR}}/rsyncd.secrets',
    ...(options.extra ?? []),
    '',
  ].join('\n');
  const started = await Rsyncd.start(config, dir);
  if (!started.daemon) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`rsync daemon did not start: ${started.startupFailure?.log}`);
  }
  const daemon = started.daemon;
  return { daemon, archive, module, user, password, port: daemon.port, dispose: () => daemon.dispose() };
}

/** ftpsync.conf lines that pull `upstream` into `to` (the port goes in RSYNC_EXTRA: ftpsync has no setting for it). */
export function configFor(upstream: Upstream, to: string, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    MIRRORNAME: 'mirror.example.org',
    TO: to,
    RSYNC_HOST: '127.0.0.1',
    RSYNC_PATH: upstream.module,
    RSYNC_USER: upstream.user,
    RSYNC_PASSWORD: upstream.password,
    RSYNC_EXTRA: `--port=${upstream.port} --contimeout=5`,
    ...extra,
  };
  return `${Object.entries(values)
    .map(([k, v]) => `${k}="${v}"`)
    .join('\n')}\n`;
}

export interface FtpsyncRun extends RunResult {
  /** ftpsync's own log of this run (LOGDIR/NAME.log, rotated to .0 when the run ends). */
  log: string;
}

/** A private ftpsync home: config, locks and logs of one downstream, and where it mirrors to. */
export class FtpsyncSandbox {
  readonly home: string;
  readonly to: string;
  readonly confDir: string;
  readonly logDir: string;

  constructor(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-ftpsync-'))) {
    fs.chmodSync(dir, 0o755);
    this.home = path.join(dir, 'home');
    this.to = path.join(dir, 'mirror');
    this.confDir = path.join(this.home, '.config/ftpsync');
    this.logDir = path.join(this.home, '.local/log/ftpsync');
    fs.mkdirSync(this.confDir, { recursive: true });
    fs.mkdirSync(this.to, { recursive: true });
  }

  /** Writes ftpsync.conf (or ftpsync-ARCHIVE.conf), 0600 since it may hold RSYNC_PASSWORD. */
  writeConfig(text: string, archive?: string): string {
    const file = path.join(this.confDir, archive ? `ftpsync-${archive}.conf` : 'ftpsync.conf');
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  }

  /** Environment of a run: only what a cron job or a forced ssh command would have. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { HOME: this.home, LOGNAME: 'archvsync', PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...extra };
  }

  /** Runs ftpsync to completion (bounded), as a push would (`sshOriginalCommand`) or as cron does. */
  async run(
    options: { args?: string[]; sshOriginalCommand?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
  ): Promise<FtpsyncRun> {
    const env = this.env({
      ...(options.sshOriginalCommand ? { SSH_ORIGINAL_COMMAND: options.sshOriginalCommand } : {}),
      ...options.env,
    });
    const result = await run(FTPSYNC, options.args ?? [], {
      env,
      cwd: this.home,
      timeoutMs: options.timeoutMs ?? 60000,
    });
    return { ...result, log: this.readLog('ftpsync.log.0') || this.readLog('ftpsync.log') };
  }

  readLog(name: string): string {
    try {
      return fs.readFileSync(path.join(this.logDir, name), 'utf8');
    } catch {
      return '';
    }
  }

  /** A trace file the run wrote under TO (project/trace/NAME), or undefined. */
  trace(name = 'mirror.example.org'): string | undefined {
    try {
      return fs.readFileSync(path.join(this.to, 'project/trace', name), 'utf8');
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    fs.rmSync(path.dirname(this.home), { recursive: true, force: true });
  }
}

/** Quotes a string for bash as $'…', so any value (control characters included) survives. */
export function bashQuote(value: string): string {
  let out = "$'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

export interface SourcedConfig {
  /** bash read the whole file (false: it stopped at an unset variable, a bad substitution or a syntax error, as ftpsync would). */
  completed: boolean;
  code: number | null;
  stderr: string;
  /** Every set variable after read_config returned (element 0 for arrays). */
  vars: Map<string, string>;
}

/**
 * Sources `file` the way ftpsync does — inside a function named read_config (so `declare` and
 * `local` make locals), under `set -u` — in a clean environment: only `env` and `preset`, PATH an
 * empty directory (no program can run), a scratch working directory. Returns the variables bash
 * leaves behind. Bounded in time; nothing outside the scratch directory is touched.
 */
export async function sourceLikeFtpsync(
  file: string,
  preset: ReadonlyMap<string, string>,
  env: Record<string, string> = {},
): Promise<SourcedConfig> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bash-'));
  try {
    fs.mkdirSync(path.join(scratch, 'empty-path'));
    const lines = ['set -u'];
    for (const [name, value] of preset) lines.push(`${name}=${bashQuote(value)}`);
    lines.push(
      'read_config() {',
      `  local name=${bashQuote(path.basename(file))}`,
      `  local config=${bashQuote(file)}`,
      '  . "$config"',
      '}',
      'read_config',
      "printf 'SOURCED\\0'",
      'for __v in $(compgen -v); do [[ $__v == __v ]] && continue; [[ -v $__v ]] && printf \'%s\\0%s\\0\' "$__v" "${!__v}"; done',
    );
    const script = path.join(scratch, 'source.sh');
    fs.writeFileSync(script, `${lines.join('\n')}\n`);
    const result = await run('/bin/bash', ['--norc', '--noprofile', script], {
      cwd: scratch,
      env: { PATH: path.join(scratch, 'empty-path'), ...env },
      timeoutMs: 10000,
    });
    const fields = result.stdout.split('\0');
    // Without `set -e` bash goes on after a syntax error in the sourced file (`.` returns 2); ftpsync,
    // under `set -e`, would not. Either way the file was not read to its end.
    // A refused readonly assignment is only an error status without `set -e`; ftpsync stops there too.
    const completed = fields[0] === 'SOURCED' && !/syntax error|unexpected EOF|readonly variable/.test(result.stderr);
    const vars = new Map<string, string>();
    for (let i = 1; i + 1 < fields.length; i += 2) vars.set(fields[i], fields[i + 1]);
    return { completed, code: result.code, stderr: result.stderr, vars };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
