// Every variable ftpsync 20180513+nmu1 reads from its config: ftpsync.conf(5) and the code of
// /usr/bin/ftpsync (the undocumented ones marked), with the default the code applies after sourcing
// the file. Also the names the file may set that ftpsync ignores (it overwrites them, or only older
// versions and other programs read them), so each gets the right message.

export type Section = 'basics' | 'connection' | 'information' | 'filtering' | 'logs' | 'other' | 'hooks' | 'internal';

export type VariableKind =
  /** ftpsync compares the value with one literal word (`[[ ${HUB} = true ]]`). */
  'literal-true' | 'literal-false' | 'number' | 'path' | 'host' | 'words' | 'rsync-options' | 'text' | 'command';

export interface FtpsyncVariable {
  name: string;
  section: Section;
  kind: VariableKind;
  /** The default as ftpsync's code computes it, for hovers. */
  default?: string;
  /** Markdown, one short paragraph. */
  doc: string;
  /** Read by the code but not in ftpsync.conf(5). */
  undocumented?: boolean;
  /** Values completion offers. */
  values?: readonly string[];
}

const v = (
  name: string,
  section: Section,
  kind: VariableKind,
  doc: string,
  extra: Partial<FtpsyncVariable> = {},
): FtpsyncVariable => ({ name, section, kind, doc, ...extra });

export const VARIABLES: readonly FtpsyncVariable[] = [
  v(
    'MIRRORNAME',
    'basics',
    'host',
    "This mirror's full host name. Names the trace file `project/trace/MIRRORNAME` and the lock files; Debian's mirror checker looks for the trace under the site's listed name.",
    { default: '`hostname -f`' },
  ),
  v(
    'TO',
    'basics',
    'path',
    'Destination of the mirror. **Everything else in it is deleted** by the second rsync pass (`--delete --delete-excluded`).',
    { default: '/srv/mirrors/debian/' },
  ),
  v(
    'MAILTO',
    'basics',
    'text',
    'Where ftpsync mails errors (and every log when ERRORSONLY=false). Empty sends no mail.',
    { default: '$LOGNAME (ftpsync stops when LOGNAME is unset too)' },
  ),
  v(
    'HUB',
    'basics',
    'literal-true',
    'Whether this mirror signals its own downstreams (runs `runmirrors`) after a sync. ftpsync tests `[[ ${HUB} = true ]]`: any other value, `yes` and `True` included, signals nobody.',
    { default: 'false', values: ['true', 'false'] },
  ),
  v(
    'RSYNC_HOST',
    'connection',
    'host',
    'The upstream host, a plain name: ftpsync syncs from `RSYNC_HOST::RSYNC_PATH`. Required (unless RSYNC_SOURCE is set).',
  ),
  v('RSYNC_PATH', 'connection', 'text', "The upstream's rsync module (`rsync RSYNC_HOST::` lists them).", {
    default: 'debian',
  }),
  v('RSYNC_USER', 'connection', 'text', "The account the upstream gave you (its rsyncd.conf's `auth users`).", {
    default: '(none: anonymous)',
  }),
  v(
    'RSYNC_PASSWORD',
    'connection',
    'text',
    "That account's password; ftpsync exports it to rsync. Keep the file mode 0600.",
    { default: '(none)' },
  ),
  v(
    'RSYNC_TRANSPORT',
    'connection',
    'text',
    '`ssh` (the daemon over ssh) or `ssl` (through stunnel or socat); unset is a plain daemon connection. Any other value stops ftpsync: "Unknown rsync transport configured".',
    { default: 'undefined (plain rsync daemon)', values: ['ssh', 'ssl'] },
  ),
  v('RSYNC_SSL_PORT', 'connection', 'number', 'Port of the TLS-wrapped daemon (RSYNC_TRANSPORT=ssl).', {
    default: '1873',
  }),
  v('RSYNC_SSL_CAPATH', 'connection', 'path', 'CA certificates for RSYNC_TRANSPORT=ssl.', {
    default: '/etc/ssl/certs',
  }),
  v('RSYNC_SSL_METHOD', 'connection', 'text', 'Tunnel program for RSYNC_TRANSPORT=ssl.', {
    default: 'stunnel',
    values: ['stunnel', 'stunnel-old', 'socat'],
  }),
  v('RSYNC_PROXY', 'connection', 'text', 'A `host:port` web proxy rsync connects through (exported to rsync).', {
    default: '(none)',
  }),
  v(
    'RSYNC_SOURCE',
    'connection',
    'text',
    'A complete rsync source (`host::module`, `user@host::module`, `rsync://…`). When set, RSYNC_HOST, RSYNC_PATH and RSYNC_USER are not used at all.',
    { undocumented: true },
  ),
  v('RSYNC_SSL', 'connection', 'literal-true', 'Legacy: `true` means RSYNC_TRANSPORT=ssl.', {
    undocumented: true,
    values: ['true'],
  }),
  v(
    'INFO_MAINTAINER',
    'information',
    'text',
    'Who runs the mirror, written into the trace (`Maintainer:`); must accept mail.',
  ),
  v('INFO_SPONSOR', 'information', 'text', 'Who sponsors the mirror, written into the trace (`Sponsor:`).'),
  v(
    'INFO_COUNTRY',
    'information',
    'text',
    'ISO 3166-1 alpha-2 code of the country hosting the mirror (`Country:` in the trace), e.g. `DE`.',
  ),
  v('INFO_LOCATION', 'information', 'text', 'Where the mirror is hosted (`Location:` in the trace).'),
  v(
    'INFO_THROUGHPUT',
    'information',
    'text',
    'Available throughput per second (`Throughput:` in the trace), e.g. `10Gb`.',
  ),
  v(
    'ARCH_INCLUDE',
    'filtering',
    'words',
    'Mirror only these architectures, **space** separated; `source` counts as one, `all` comes with any binary one. Not together with ARCH_EXCLUDE.',
  ),
  v(
    'ARCH_EXCLUDE',
    'filtering',
    'words',
    'Leave these architectures out, **space** separated; `source` counts as one (a public mirror must keep it). Not together with ARCH_INCLUDE.',
  ),
  v(
    'EXCLUDE',
    'filtering',
    'rsync-options',
    'Extra rsync filter options (`--exclude=…`), word-split and passed to every rsync call. Not for architectures or suites (ftpsync.conf(5): "IT WILL NOT WORK").',
  ),
  v('LOGDIR', 'logs', 'path', 'Directory of the logs; ftpsync runs `mkdir -p` on it first and stops when that fails.', {
    default: '~/.local/log/ftpsync (package), $BASEDIR/log (archvsync tarball)',
  }),
  v('LOG', 'logs', 'path', "ftpsync's own log.", { default: '$LOGDIR/$NAME.log' }),
  v(
    'ERRORSONLY',
    'logs',
    'literal-false',
    'Mail only failed runs. ftpsync tests `[[ ${ERRORSONLY} = false ]]`: only the exact word `false` mails every run.',
    { default: 'true', values: ['true', 'false'] },
  ),
  v('FULLLOGS', 'logs', 'literal-true', 'Attach the rsync log to the mail. ftpsync tests `[[ ${FULLLOGS} = true ]]`.', {
    default: 'false',
    values: ['true', 'false'],
  }),
  v('LOGROTATE', 'logs', 'number', 'How many rotated logs ftpsync keeps.', { default: '14' }),
  v(
    'LOCKTIMEOUT',
    'other',
    'number',
    'Seconds after which a lock is taken over, only on a bash older than 4 without /proc.',
    { default: '3600' },
  ),
  v(
    'UIPSLEEP',
    'other',
    'number',
    "Seconds to wait when the upstream's Archive-Update-in-Progress file shows it is updating (`sleep` also takes `20m`).",
    { default: '1200' },
  ),
  v(
    'UIPRETRIES',
    'other',
    'number',
    'How often to retry while the upstream is updating (retries, so total attempts = 1 + UIPRETRIES).',
    { default: '3' },
  ),
  v('TRACEHOST', 'other', 'host', 'Local host name written into the trace (`Running on host:`) and `_hierarchy`.', {
    default: '`hostname -f`',
  }),
  v('RSYNC', 'other', 'command', 'The rsync program.', { default: 'rsync' }),
  v(
    'RSYNC_EXTRA',
    'other',
    'rsync-options',
    'Extra rsync options, word-split and placed first in every rsync call (`--port=…`, `--contimeout=…`).',
    { default: '(none)' },
  ),
  v('RSYNC_BW', 'other', 'number', 'Bandwidth limit in KB/s (`--bwlimit`); 0 or unset is unlimited.', { default: '0' }),
  v(
    'RSYNC_OPTIONS',
    'other',
    'rsync-options',
    "The rsync options of every call. **Better don't** change it: replacing it drops `--safe-links` (the CVE-2017-8805 fix), `-H`, `--timeout`…",
    {
      default:
        '-prltvHSB8192 --safe-links --chmod=D755,F644 --timeout 120 --stats --no-human-readable --no-inc-recursive',
    },
  ),
  v(
    'RSYNC_OPTIONS1',
    'other',
    'rsync-options',
    "Options of the first pass, which must leave out the indices (Packages, Sources, Release, InRelease) and delete nothing. **Better don't** change it.",
    {
      default:
        '--include=*.diff/ --exclude=*.diff/Index --exclude=Packages* --exclude=Sources* --exclude=Release* --exclude=InRelease --include=i18n/by-hash --exclude=i18n/* --exclude=ls-lR*',
    },
  ),
  v(
    'RSYNC_OPTIONS2',
    'other',
    'rsync-options',
    "Options of the second pass, which brings the indices and deletes. **Better don't** change it.",
    { default: '--max-delete=40000 --delay-updates --delete --delete-delay --delete-excluded' },
  ),
  v('CALLBACKUSER', 'other', 'text', 'ssh user for calling back the host that pushed (`sync:callback`).', {
    default: 'archvsync',
  }),
  v('CALLBACKHOST', 'other', 'host', 'Host to call back; `none` disables callbacks.', { default: 'none' }),
  v('CALLBACKKEY', 'other', 'path', 'ssh key for the callback; `none` disables callbacks.', { default: 'none' }),
  ...[1, 2, 3, 4, 5].map((n) =>
    v(
      `HOOK${n}`,
      'hooks',
      'command',
      [
        'After the lock is taken, before the first rsync.',
        'After the first rsync, if it succeeded.',
        'After the second rsync, if it succeeded (again on every re-run).',
        'Right before the downstreams are signalled, once mirroring is done.',
        'After the downstreams were signalled (HUB=true only).',
      ][n - 1]! + ' Run word-split, not through a shell.',
      { default: '(none)' },
    ),
  ),
  v('PROGRAM', 'other', 'text', 'The name in log lines and mail subjects.', { undocumented: true, default: '$NAME' }),
  v('BINDIR', 'other', 'path', 'Where ftpsync finds `runmirrors` and `rsync-ssl-tunnel`; unset uses PATH.', {
    undocumented: true,
    default: '(package: unset; archvsync tarball: $BASEDIR/bin)',
  }),
  v(
    'BASEDIR',
    'other',
    'path',
    "ftpsync `cd`s here before syncing. The archvsync tarball sets it to its home; Debian's package does not set it.",
    { undocumented: true, default: '(package: unset; archvsync tarball: its home)' },
  ),
];

/** Set by ftpsync before it reads the config; the file may change them (ftpsync's comment says so). */
export const INTERNAL: Readonly<Record<string, string>> = {
  NAME: '`ftpsync`, or `ftpsync-ARCHIVE` for `ftpsync -a ARCHIVE`; names the logs.',
  ARCHIVE: 'The archive of this run (`sync:archive:NAME` or `-a`); empty for the default one.',
  VERSION: "ftpsync's version, written into the trace.",
  SYNCSTAGE1: 'Set from the push (`sync:stage1`).',
  SYNCSTAGE2: 'Set from the push (`sync:stage2`).',
  SYNCALL: 'Set from the push (`sync:all`, the default).',
  SYNCMHOP: 'Set from the push (`sync:mhop`).',
  SYNCCALLBACK: 'Set from the push (`sync:callback`).',
  INFO_TRIGGER: 'How this run was started (`ssh`, `cron` or `-T`), written into the trace.',
  CONFDIRS: 'Where ftpsync looks for its config.',
};

/** Names older samples and other programs use: ftpsync 20180513 never reads them from its config. */
export const IGNORED: Readonly<Record<string, string>> = {
  LOCK: 'ftpsync sets LOCK itself after reading the config (`${TO}/Archive-Update-in-Progress-${MIRRORNAME}`), so this is ignored (only `ftpsync-cron` still reads it)',
  TRACE: 'ftpsync sets TRACE itself after reading the config (`project/trace/${MIRRORNAME}`), so this is ignored',
  UPDATEREQUIRED: 'ftpsync sets UPDATEREQUIRED itself after reading the config, so this is ignored',
  EXTENDEDTRACE: 'ftpsync has written only full traces since 2017; EXTENDEDTRACE is no longer read',
  RSYNC_FILTER: 'ftpsync 20180513 no longer reads RSYNC_FILTER (it protects its trace and lock files itself)',
  LOCKDIR: 'ftpsync does not use LOCKDIR (runmirrors does, from runmirrors.conf)',
  LOG_RSYNC: 'ftpsync sets LOG_RSYNC from LOGDIR after reading the config, so this is ignored',
  LOG_RSYNC_ERROR: 'ftpsync sets LOG_RSYNC_ERROR from LOGDIR after reading the config, so this is ignored',
  TRACEDIR: 'ftpsync sets TRACEDIR after reading the config, so this is ignored',
  KEYFILE: 'KEYFILE belongs to runmirrors.conf; ftpsync never reads it',
  PUSHDELAY: 'PUSHDELAY belongs to runmirrors.conf; ftpsync never reads it',
  SSH_OPTS: 'SSH_OPTS belongs to runmirrors.conf; ftpsync never reads it',
  PUSHARCHIVE: 'PUSHARCHIVE belongs to runmirrors.conf; ftpsync never reads it',
  MIRRORS: 'MIRRORS belongs to runmirrors.conf; ftpsync never reads it',
};

/** Environment variables rsync, ssh and the hooks read: an exported or referenced one is not a mistake. */
export const ENVIRONMENT_NAMES = new Set([
  'PATH',
  'HOME',
  'LOGNAME',
  'USER',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'RSYNC_RSH',
  'RSYNC_CONNECT_PROG',
  'RSYNC_ICONV',
  'RSYNC_CHECKSUM_LIST',
  'RSYNC_COMPRESS_LIST',
  'http_proxy',
  'https_proxy',
  'SSH_AUTH_SOCK',
  'umask',
]);

const BY_NAME = new Map(VARIABLES.map((x) => [x.name, x]));

export function variable(name: string): FtpsyncVariable | undefined {
  return BY_NAME.get(name);
}

export const VARIABLE_NAMES: readonly string[] = VARIABLES.map((x) => x.name);
