// rsync 3.5.0's parameter table (daemon-parm.txt), the one place that lists every rsyncd.conf
// name with its scope, type and default. Facts: rsync 3.5.0's daemon-parm.txt and rsyncd.conf(5).

export type ParameterScope = 'global' | 'module';
export type ParameterType =
  | 'bool'
  | 'bool3'
  | 'int'
  | 'enum'
  | 'string'
  | 'path'
  | 'file'
  | 'command'
  | 'user'
  | 'group-list'
  | 'host-list'
  | 'rule-list'
  | 'pattern-list'
  | 'option-list'
  | 'socket-options'
  | 'chmod'
  | 'format';

export interface ParameterInfo {
  /** Canonical spelling, as the man page writes it. */
  name: string;
  scope: ParameterScope;
  type: ParameterType;
  default: string;
  /** Markdown, one or two sentences of what the daemon really does. */
  doc: string;
}

export const PARAMETERS: readonly ParameterInfo[] = [
  // Global-only parameters: in a module section rsync logs "Global parameter X found in module section!" and ignores them.
  {
    name: 'address',
    scope: 'global',
    type: 'string',
    default: 'all addresses',
    doc: 'Address the daemon binds to. `--address` overrides it; ignored when started from inetd. (There is no `bind address`.)',
  },
  {
    name: 'daemon chroot',
    scope: 'global',
    type: 'path',
    default: 'none',
    doc: 'Directory the daemon chroots into before talking to clients. If the chroot fails, every connection is dropped; startup does not notice. The man page lists it under module parameters, but it is global.',
  },
  {
    name: 'daemon gid',
    scope: 'global',
    type: 'user',
    default: 'unchanged',
    doc: 'Group the daemon switches to for each connection. An unknown group drops the connection (`Invalid daemon gid`).',
  },
  {
    name: 'daemon uid',
    scope: 'global',
    type: 'user',
    default: 'unchanged',
    doc: 'User the daemon switches to for each connection. An unknown user drops the connection.',
  },
  { name: 'listen backlog', scope: 'global', type: 'int', default: '5', doc: 'Backlog of the listening socket.' },
  {
    name: 'motd file',
    scope: 'global',
    type: 'file',
    default: 'none',
    doc: 'Message of the day shown to clients listing modules. A missing file is silently ignored.',
  },
  {
    name: 'pid file',
    scope: 'global',
    type: 'file',
    default: 'none',
    doc: 'File the daemon writes its PID to and keeps locked. **A missing directory makes startup fail (exit 11).**',
  },
  {
    name: 'port',
    scope: 'global',
    type: 'int',
    default: '0 (= 873)',
    doc: 'TCP port to listen on. `--port` overrides it. (There is no `rsync port`.)',
  },
  {
    name: 'proxy protocol',
    scope: 'global',
    type: 'bool',
    default: 'false',
    doc: 'Expect a PROXY protocol header. Without `proxy protocol hosts` every connection is rejected.',
  },
  {
    name: 'proxy protocol hosts',
    scope: 'global',
    type: 'host-list',
    default: 'none',
    doc: 'Hosts allowed to send a PROXY protocol header (`hosts allow` syntax).',
  },
  {
    name: 'socket options',
    scope: 'global',
    type: 'socket-options',
    default: 'none',
    doc: 'Socket options, separated by spaces, tabs or commas: `NAME` or `NAME=int`. Names are case-sensitive; unknown ones are logged and skipped.',
  },
  // Module parameters: also allowed before the first module as defaults for later modules.
  {
    name: 'auth digest',
    scope: 'module',
    type: 'enum',
    default: 'none (any)',
    doc: 'Minimum password digest (new in 3.5.0): `sha512`, `sha256`, `sha1`, `md5` or `md4`. **Any other value refuses every login to the module.**',
  },
  {
    name: 'auth users',
    scope: 'module',
    type: 'rule-list',
    default: 'none (anonymous)',
    doc: 'Users allowed to log in, as wildcard rules with optional `@group` and `:deny`/`:ro`/`:rw`. Split on spaces and commas, or on commas only when the value starts with a comma. The first matching rule decides.',
  },
  {
    name: 'charset',
    scope: 'module',
    type: 'string',
    default: 'none',
    doc: 'Character set of file names in the module (`--iconv`). An invalid name breaks module access.',
  },
  {
    name: 'comment',
    scope: 'module',
    type: 'string',
    default: '""',
    doc: 'Description shown beside the module in the listing.',
  },
  {
    name: 'dont compress',
    scope: 'module',
    type: 'pattern-list',
    default: 'built-in list (*.gz *.zip …)',
    doc: 'Files not compressed in transit, space-separated, case-insensitive.',
  },
  {
    name: 'early exec',
    scope: 'module',
    type: 'command',
    default: 'none',
    doc: 'Command run as the daemon user before the transfer request is known.',
  },
  {
    name: 'exclude',
    scope: 'module',
    type: 'pattern-list',
    default: 'none',
    doc: 'Exclude patterns, space-separated; `+ `/`- ` prefixes allowed.',
  },
  {
    name: 'exclude from',
    scope: 'module',
    type: 'file',
    default: 'none',
    doc: 'File of exclude patterns. **A missing file makes module access fail.**',
  },
  {
    name: 'fake super',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: 'Store privileged attributes in extended attributes (`--fake-super`).',
  },
  {
    name: 'filter',
    scope: 'module',
    type: 'pattern-list',
    default: 'none',
    doc: 'Daemon filter rules. **An invalid rule makes module access fail.**',
  },
  {
    name: 'forward lookup',
    scope: 'module',
    type: 'bool',
    default: 'true',
    doc: 'Resolve host names in `hosts allow`/`hosts deny`.',
  },
  {
    name: 'gid',
    scope: 'module',
    type: 'group-list',
    default: 'nogroup when run as root',
    doc: 'Group(s) for file transfers. An unknown group gives `@ERROR: invalid gid`.',
  },
  {
    name: 'hosts allow',
    scope: 'module',
    type: 'host-list',
    default: 'none (all)',
    doc: 'Addresses, `addr/bits`, `addr/netmask`, host names and wildcards allowed to connect. With only `hosts allow` set, everything else is denied.',
  },
  {
    name: 'hosts deny',
    scope: 'module',
    type: 'host-list',
    default: 'none',
    doc: 'Hosts refused. Checked after `hosts allow`; a host matching neither is allowed.',
  },
  {
    name: 'ignore errors',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: 'Ignore I/O errors when deciding whether to run delete operations.',
  },
  {
    name: 'ignore nonreadable',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: 'Hide files the daemon cannot read.',
  },
  {
    name: 'include',
    scope: 'module',
    type: 'pattern-list',
    default: 'none',
    doc: 'Include patterns (override `exclude`).',
  },
  { name: 'include from', scope: 'module', type: 'file', default: 'none', doc: 'File of include patterns.' },
  {
    name: 'incoming chmod',
    scope: 'module',
    type: 'chmod',
    default: 'none',
    doc: '`--chmod`-style rules for uploaded files. A bad rule is logged when a client connects; the transfer still goes ahead.',
  },
  {
    name: 'insecure links',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: "Opt out of 3.5.0's symlink-race hardening.",
  },
  {
    name: 'list',
    scope: 'module',
    type: 'bool',
    default: 'true',
    doc: 'Show the module in the listing. `list = no` also makes a host-denied client see "Unknown module".',
  },
  {
    name: 'lock file',
    scope: 'module',
    type: 'file',
    default: '/var/run/rsyncd.lock',
    doc: 'Lock file for `max connections`; used only when that is not 0.',
  },
  {
    name: 'log file',
    scope: 'module',
    type: 'file',
    default: 'none (syslog)',
    doc: 'Log file of the daemon (or of this module).',
  },
  {
    name: 'log format',
    scope: 'module',
    type: 'format',
    default: '%o %h [%a] %m (%u) %f %l',
    doc: 'Format of per-file log lines: `%` escapes such as `%a %h %m %u %f %l %o %t`.',
  },
  {
    name: 'max connections',
    scope: 'module',
    type: 'int',
    default: '0 (no limit)',
    doc: 'Simultaneous connections allowed. 0 means no limit; **a negative value disables the module**; non-numeric text becomes 0.',
  },
  {
    name: 'max verbosity',
    scope: 'module',
    type: 'int',
    default: '1',
    doc: 'Highest verbosity the client may request.',
  },
  {
    name: 'munge symlinks',
    scope: 'module',
    type: 'bool3',
    default: 'unset',
    doc: 'Rewrite symlinks so they cannot escape the module.',
  },
  {
    name: 'name',
    scope: 'module',
    type: 'string',
    default: 'the section name',
    doc: 'Undocumented but real: renames the module.',
  },
  {
    name: 'name converter',
    scope: 'module',
    type: 'command',
    default: 'none',
    doc: 'Program that converts user and group names to ids inside a chroot.',
  },
  { name: 'numeric ids', scope: 'module', type: 'bool3', default: 'unset', doc: 'Do not map user and group names.' },
  { name: 'open noatime', scope: 'module', type: 'bool3', default: 'unset', doc: 'Open files with `O_NOATIME`.' },
  {
    name: 'outgoing chmod',
    scope: 'module',
    type: 'chmod',
    default: 'none',
    doc: '`--chmod`-style rules for files sent to clients.',
  },
  {
    name: 'path',
    scope: 'module',
    type: 'path',
    default: 'none (required)',
    doc: 'Directory the module serves. **Required**: without it the module is listed but access gives `@ERROR: no path setting.` A `/./` splits it into chroot and inner path.',
  },
  {
    name: 'post-xfer exec',
    scope: 'module',
    type: 'command',
    default: 'none',
    doc: 'Command run after the transfer. The dash is part of the name.',
  },
  {
    name: 'pre-xfer exec',
    scope: 'module',
    type: 'command',
    default: 'none',
    doc: 'Command run before the transfer; a non-zero exit refuses it.',
  },
  {
    name: 'read only',
    scope: 'module',
    type: 'bool',
    default: 'true',
    doc: 'Refuse uploads. `auth users` rules with `:rw`/`:ro` override it per user.',
  },
  {
    name: 'refuse options',
    scope: 'module',
    type: 'option-list',
    default: 'none',
    doc: 'Client options the daemon refuses, **separated by spaces only**: `delete,checksum` is one unknown token and refuses nothing.',
  },
  {
    name: 'reverse lookup',
    scope: 'module',
    type: 'bool',
    default: 'true',
    doc: "Look up the client's host name for `hosts allow`/`hosts deny` and logs.",
  },
  {
    name: 'secrets file',
    scope: 'module',
    type: 'file',
    default: 'none',
    doc: 'File of `user:password` lines for `auth users`. With `strict modes` it must not be other-accessible and must be owned by root when the daemon runs as root.',
  },
  {
    name: 'strict modes',
    scope: 'module',
    type: 'bool',
    default: 'true',
    doc: 'Check the permissions of the secrets file.',
  },
  {
    name: 'syslog facility',
    scope: 'module',
    type: 'enum',
    default: 'daemon',
    doc: 'Syslog facility. An unknown name is silently ignored (the default stays).',
  },
  { name: 'syslog tag', scope: 'module', type: 'string', default: 'rsyncd', doc: 'Tag of syslog messages.' },
  {
    name: 'temp dir',
    scope: 'module',
    type: 'path',
    default: 'none',
    doc: 'Directory for temporary files during uploads.',
  },
  { name: 'timeout', scope: 'module', type: 'int', default: '0', doc: 'I/O timeout in seconds; 0 means none.' },
  {
    name: 'transfer logging',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: 'Log each transferred file using `log format`.',
  },
  {
    name: 'uid',
    scope: 'module',
    type: 'user',
    default: 'nobody when run as root',
    doc: 'User for file transfers. An unknown user gives `@ERROR: invalid uid`.',
  },
  {
    name: 'use chroot',
    scope: 'module',
    type: 'bool3',
    default: 'unset (try, fall back)',
    doc: "Chroot to the module's path. Unset with a `/./` in `path` counts as true.",
  },
  {
    name: 'write only',
    scope: 'module',
    type: 'bool',
    default: 'false',
    doc: 'Refuse downloads (`ERROR: module is write only`). Independent of `read only`.',
  },
];

const byKey = new Map(PARAMETERS.map((p) => [p.name.replace(/\s+/g, '').toLowerCase(), p]));

/** Looks a parameter up by rsync's comparison key (lower case, no whitespace). */
export function parameterByKey(key: string): ParameterInfo | undefined {
  return byKey.get(key);
}

/** Names people write that rsync does not know, with what they meant. */
export const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  bindaddress: 'address',
  rsyncport: 'port',
  postxferexec: 'post-xfer exec',
  prexferexec: 'pre-xfer exec',
  authuser: 'auth users',
  hostallow: 'hosts allow',
  hostdeny: 'hosts deny',
  secretfile: 'secrets file',
  secretsfiles: 'secrets file',
};
