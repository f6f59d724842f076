// Hover text for pushmirror.yaml keys, in the words of schemas/pushmirror.schema.json (a unit test
// checks that every key the schema knows has an entry here).

export const TOP_DOCS: Record<string, string> = {
  version: '**version** — format version of pushmirror.yaml; always `1`.',
  defaults:
    '**defaults** — values every downstream gets unless it sets its own: `group`, `user`, `port`, `signal`, `knownHosts`, `keyFile`.',
  downstreams:
    '**downstreams** — downstream mirrors by ShortName (the second field of a runmirrors.mirror line). An entry adds what the list cannot say; a name in no list is a downstream of its own and needs `host` and `user`.',
};

export const ENTRY_DOCS: Record<string, string> = {
  displayName: '**displayName** — name shown in the Downstreams view instead of the ShortName.',
  group: '**group** — a group to show the downstream under in the Downstreams view, e.g. a region.',
  host: "**host** — ssh host name of the downstream. Needed only for downstreams that are in no runmirrors.mirror list; listed ones take the list's HostName.",
  user: "**user** — ssh user on the downstream (runmirrors' User field), usually `archvsync`.",
  port: "**port** — port of the downstream's sshd (1–65535).",
  type: '**type** — push type, as in runmirrors.mirror: `all`, `staged` or `mhop`. For downstreams that are in no list.',
  traceUrl:
    "**traceUrl** — URL of the downstream's ftpsync trace file (`…/project/trace/<host>`); its `Date:` line tells how fresh the mirror is. Fetched only in a trusted workspace.",
  log: "**log** — where the downstream's sync log lives, for *Tail Log*: a path (`~/log/ftpsync.log`) or `{ path, host, user, port, identityFile }`.",
  signal:
    '**signal** — how a push is signalled: `archvsync` sends runmirrors\' `sync:archive:… sync:all` arguments; `{ command: "…" }` runs a custom remote command.',
  knownHosts:
    "**knownHosts** — known_hosts file to check this downstream's host key against, instead of `~/.ssh/known_hosts`.",
  keyFile:
    '**keyFile** — private key used to signal this downstream (the key whose public half has the forced `command=` on the downstream).',
};

export const LOG_DOCS: Record<string, string> = {
  path: '**log.path** — path of the sync log on that host, e.g. `~/log/ftpsync.log`.',
  host: "**log.host** — ssh host to read the log on; the downstream's host when left out.",
  user: '**log.user** — ssh user for reading the log.',
  port: '**log.port** — sshd port for reading the log.',
  identityFile:
    '**log.identityFile** — ssh key for reading the log, e.g. `~/.ssh/pushmirror-logs`. Not the trigger key: its forced command only starts the sync.',
};

export const SIGNAL_DOCS: Record<string, string> = {
  command: "**signal.command** — the remote command to run instead of runmirrors' `sync:*` arguments, e.g. `sleep 1`.",
};
