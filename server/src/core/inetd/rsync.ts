import { daemonPath } from '../rsyncd/includes';
import type { Span } from '../types';
import type { InetdEntry, Word } from './parser';

// What an inetd.conf line makes rsync do. inetd runs the server program with the connection on
// stdin and stdout; rsync started with `--daemon` and a socket on stdin serves that one connection
// (rsync(1), "--daemon": "If standard input is a socket then rsync will assume that it is being run
// via inetd"). tcpd(8) in between runs argv[0] (an absolute path, else /usr/sbin/NAME) with the same
// arguments and argv[0] cut to its base name.

/** rsync's default config file, read when no `--config` is given. */
export const DEFAULT_RSYNCD_CONF = '/etc/rsyncd.conf';
/** Where tcpd looks for a program named without a path (Debian's REAL_DAEMON_DIR). */
const TCPD_DAEMON_DIR = '/usr/sbin';

/** Options a daemon started by inetd ignores: inetd owns the listening socket and the process. */
export const IGNORED_UNDER_INETD: Readonly<Record<string, string>> = {
  '--port': 'inetd has already bound the port (the service name or number decides it)',
  '--address': 'inetd has already bound the address (a `host:` before the service name decides it)',
  '--no-detach': 'inetd starts one process per connection; there is nothing to detach from',
  '--detach': 'inetd starts one process per connection; there is nothing to detach from',
};

export interface RsyncOption {
  /** The whole word, e.g. `--config=/etc/x` (CR stripped from the value). */
  word: Word;
  name: string;
  /** The value (after `=`, or the next word for `--config FILE`). */
  value?: Word;
}

export interface RsyncInvocation {
  /** The word naming rsync's program: the server program, or argv[0] under tcpd. */
  program: Word;
  /** rsync's path as it is executed. */
  programPath: string;
  tcpd?: Word;
  /** The argv[0] word rsync gets; undefined when the line has none (inetd uses the base name). */
  argv0?: Word;
  /** rsync's arguments after argv[0]. */
  options: RsyncOption[];
  daemon?: RsyncOption;
  config?: RsyncOption;
  /** The config file the daemon reads (absolute; a relative `--config` is read from `/`). */
  configPath: string;
}

const clean = (w: Word): Word => (w.value.endsWith('\r') ? { ...w, end: w.end - 1, value: w.value.slice(0, -1) } : w);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Options rsync's popt table takes with a separate argument (`--config FILE`). */
const TAKES_VALUE = new Set([
  '--config',
  '--dparam',
  '--port',
  '--address',
  '--log-file',
  '--log-file-format',
  '--bwlimit',
  '--sockopts',
]);

export function parseRsyncOptions(words: readonly Word[]): RsyncOption[] {
  const options: RsyncOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = clean(words[i]);
    if (!word.value.startsWith('--') || word.value === '--') continue;
    const eq = word.value.indexOf('=');
    const name = eq < 0 ? word.value : word.value.slice(0, eq);
    let value: Word | undefined;
    if (eq >= 0) value = { start: word.start + eq + 1, end: word.end, value: word.value.slice(eq + 1) };
    else if (TAKES_VALUE.has(name) && words[i + 1]) value = clean(words[++i]);
    options.push({ word, name, ...(value ? { value } : {}) });
  }
  return options;
}

/** What rsync is run with on this line, or undefined when the line does not run rsync. */
export function rsyncInvocation(entry: InetdEntry): RsyncInvocation | undefined {
  if (!entry.server) return undefined;
  const server = clean(entry.server);
  let program = server;
  let programPath = server.value;
  let tcpd: Word | undefined;
  let argv = entry.args;
  if (baseName(server.value) === 'tcpd' && entry.args[0]) {
    tcpd = server;
    program = clean(entry.args[0]);
    programPath = program.value.startsWith('/') ? program.value : `${TCPD_DAEMON_DIR}/${program.value}`;
    // tcpd gives the program its own argv, argv[0] (cut to the base name) included.
    argv = entry.args;
  }
  if (baseName(programPath) !== 'rsync') return undefined;
  const [argv0, ...rest] = argv;
  const options = parseRsyncOptions(rest);
  const daemon = options.find((o) => o.name === '--daemon');
  const config = options.filter((o) => o.name === '--config').pop();
  const configPath = config?.value ? daemonPath(config.value.value) : DEFAULT_RSYNCD_CONF;
  return {
    program,
    programPath,
    ...(tcpd ? { tcpd } : {}),
    ...(argv0 ? { argv0: clean(argv0) } : {}),
    options,
    ...(daemon ? { daemon } : {}),
    ...(config ? { config } : {}),
    configPath,
  };
}

/** Where to put a fix that adds a word after the program's argv[0] (or after the program). */
export function afterArgv0(rsync: RsyncInvocation): Span {
  const at = rsync.argv0 ?? rsync.program;
  return { start: at.end, end: at.end };
}

export const rsyncArgv0 = (rsync: RsyncInvocation) => baseName(rsync.programPath) || 'rsync';
