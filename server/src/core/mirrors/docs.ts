// Hover texts: runmirrors.mirror(5) has an empty OPTIONS section, so these fill it from the sample
// file and from what /usr/bin/runmirrors (ftpsync 20180513+nmu1) does.

export const TYPE_DOCS: Record<string, string> = {
  all: [
    '**all** — a normal push: runmirrors runs `ssh … sync:archive:ARCHIVE sync:all` in the background and goes on.',
    'This is the default for a Debian mirror; ftpsync on the downstream then does its own two-stage sync.',
  ].join('\n\n'),
  staged: [
    '**staged** — a two-stage push: `sync:stage1` first, then runmirrors waits until **every** staged/mhop',
    'mirror of this list finished stage1 (at most PUSHDELAY seconds, default 600), then sends `sync:stage2`.',
    'Useful for mirrors behind one DNS round-robin name that should switch `dists/` at nearly the same time.',
  ].join(' '),
  mhop: [
    '**mhop** — a multi-hop staged push: like `staged`, but the downstream is also told `sync:mhop`, so it first',
    'pushes stage1 to its own staged/mhop downstreams and only returns when they are done. Then stage2 goes to all.',
  ].join(' '),
  DELAY: [
    '**DELAY** `[seconds] [stage1]` — pause between the lines before and after it: `sleep seconds`',
    '(600 when no number is given). With `stage1`, wait until all staged mirrors finished stage1, at most',
    '`seconds`. The sample documents the form `DELAY n`: one space, nothing else.',
  ].join(' '),
};

export const FIELD_DOCS = {
  name: "**ShortName** — the mirror's name in runmirrors' logs. Every push appends to `LOGDIR/<ShortName>.log`, and a staged push creates `LOCKDIR/<ShortName>.stage1`. Must be unique in the list.",
  host: '**HostName** — the host ssh connects to: a name or an address, an IPv6 address without brackets. No `:port` (use `-p` after the User); a `user@` here overrides the User field. Instead of HostName and User you may write a URL `ssh+ftpsync://user@host[/archive]`.',
  user: '**User** — passed as `-o user=USER` after the host; it wins over `-l` and `User` in the options or ~/.ssh/config, but not over a `user@` in the HostName.',
  protocol:
    '**SSHProtocol** — `1` or `2`, followed by a key file. `2` is the default; `1` makes current OpenSSH refuse to connect. Without a key file after it, runmirrors passes **no** `-i`, so ssh uses its default keys instead of KEYFILE.',
  keyFile:
    '**SSHKeyFile** — passed to `ssh -i` **instead of** the master key (KEYFILE from runmirrors.conf). A relative path is relative to BASEDIR. runmirrors takes it from the third character of the field up to the next blank: write exactly one space after the protocol, and nothing after the key.',
  options:
    "**ssh options** — a rest starting with `-` is handed to ssh (no protocol flag, master key still passed first). Only the text up to the second blank survives runmirrors' argument handling: keep one option per line.",
  url: '**URL** — `ssh+ftpsync://user@host[/archive]`: same as HostName and User; `/archive` overrides the archive signalled with `sync:archive:`. Fields after the URL are ignored.',
  seconds: '**seconds** — how long DELAY pauses (`sleep`); 600 when left out.',
  stage1: '**stage1** — wait until every staged/mhop mirror of the list finished stage1, but at most `seconds`.',
};

export const SSH_FLAG_DOCS: Record<string, string> = {
  p: "`-p port` — port of the downstream's sshd.",
  i: '`-i keyfile` — an extra key. runmirrors still passes the master key first; see `mirrors/master-key-with-identity`.',
  l: '`-l user` — ignored here: runmirrors already passes `-o user=` from the User field.',
  o: '`-o Key=Value` — any ssh_config(5) setting, e.g. `-o IdentitiesOnly=yes`, `-o Port=2222`. Settings runmirrors already passes (user, BatchMode, timeouts, SSH_OPTS) cannot be changed here: ssh keeps the first value.',
  '4': '`-4` — connect over IPv4 only.',
  '6': '`-6` — connect over IPv6 only.',
  F: '`-F configfile` — read this ssh_config instead of ~/.ssh/config.',
  J: '`-J jump` — connect through a jump host.',
  v: "`-v` — verbose; the debug output lands in the mirror's log file.",
  '1': '`-1` — protocol 1, refused by OpenSSH ≥ 7.6.',
  '2': '`-2` — protocol 2 (ignored by current OpenSSH, which only speaks 2).',
  C: '`-C` — compression.',
};
