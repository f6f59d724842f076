// The authorized_keys options OpenSSH 9.2p1 knows (auth-options.c, sshauthopt_parse), in the order
// sshd tries them. Order matters: sshd matches names by prefix, so `restricted` is read as `restrict`
// followed by junk, which is an unknown option.

export type OptionKind = 'flag' | 'value';

export interface OptionSpec {
  /** Canonical spelling, lower case as the man page writes it. */
  name: string;
  kind: OptionKind;
  /** Flags only: sshd accepts a `no-` prefix (any case) that turns the permission off. */
  negatable?: boolean;
  /** Value options sshd refuses to see twice on one line. */
  once?: boolean;
  /** Completion template for the value (snippet syntax). */
  template?: string;
  /** Markdown: what sshd does with it. */
  docs: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'restrict',
    kind: 'flag',
    docs: 'Turns off port, agent and X11 forwarding, pty allocation and `~/.ssh/rc`, and any restriction a later OpenSSH adds. It acts **where it appears**: options before it are cancelled, so write it first and re-enable what you need after it (`restrict,pty`).',
  },
  {
    name: 'cert-authority',
    kind: 'flag',
    docs: 'The key is a user certificate authority: sshd accepts certificates it signed, and **not** a plain login with the key itself. Use `principals="…"` to limit the accepted certificate principals.',
  },
  {
    name: 'port-forwarding',
    kind: 'flag',
    negatable: true,
    docs: '`no-port-forwarding` refuses `-L`, `-R`, `-W` and Unix-socket forwarding for this key.',
  },
  {
    name: 'agent-forwarding',
    kind: 'flag',
    negatable: true,
    docs: '`no-agent-forwarding` refuses forwarding of the ssh agent (`-A`).',
  },
  {
    name: 'x11-forwarding',
    kind: 'flag',
    negatable: true,
    docs: '`no-X11-forwarding` refuses X11 forwarding (which also needs `X11Forwarding yes` in sshd_config).',
  },
  {
    name: 'touch-required',
    kind: 'flag',
    negatable: true,
    docs: '`no-touch-required`: a FIDO (`sk-`) key may sign without the user touching the token. Accepted on other keys, where it has no effect.',
  },
  {
    name: 'verify-required',
    kind: 'flag',
    negatable: true,
    docs: 'A FIDO (`sk-`) key must prove user verification (PIN or biometrics). Accepted on other keys, where it has no effect.',
  },
  {
    name: 'pty',
    kind: 'flag',
    negatable: true,
    docs: '`no-pty` refuses terminal allocation (`ssh -t`): the client sees "PTY allocation request failed".',
  },
  {
    name: 'user-rc',
    kind: 'flag',
    negatable: true,
    docs: '`no-user-rc` stops sshd from running `~/.ssh/rc` at login. The Debian trigger line lacks it; `restrict` includes it.',
  },
  {
    name: 'command',
    kind: 'value',
    once: true,
    template: 'command="${1:~/bin/ftpsync}"',
    docs: 'Forced command: whatever the client asks for, sshd runs `$SHELL -c "<command>"` instead, and puts the client\'s command in `SSH_ORIGINAL_COMMAND` (ftpsync reads `sync:archive:NAME` from there). Only `\\"` is an escape inside the quotes. A second `command=` makes sshd skip the line.',
  },
  {
    name: 'principals',
    kind: 'value',
    once: true,
    template: 'principals="${1:mirror}"',
    docs: 'Only with `cert-authority`: comma-separated principals, one of which the certificate must carry. On a plain key sshd refuses the key ("principals on non-CA key").',
  },
  {
    name: 'from',
    kind: 'value',
    once: true,
    template: 'from="${1:192.0.2.10}"',
    docs: 'Comma-separated addresses (`192.0.2.10`, `192.0.2.0/24`, `2001:db8::/32`), wildcards (`192.0.2.*`) and `!negations` the client must come from. Host names match only with `UseDNS yes` (Debian: no). A CIDR with host bits set or an empty element makes the whole key unusable.',
  },
  {
    name: 'expiry-time',
    kind: 'value',
    template: 'expiry-time="${1:20991231}"',
    docs: 'The key stops working after this time: `YYYYMMDD[Z]` or `YYYYMMDDHHMM[SS][Z]`, local time of the server unless it ends in `Z` (or `UTC`). Any other format makes sshd skip the line.',
  },
  {
    name: 'environment',
    kind: 'value',
    template: 'environment="${1:NAME}=${2:value}"',
    docs: 'Sets `NAME=value` for the session, **only** with `PermitUserEnvironment yes` in sshd_config (Debian default: no; then it is silently ignored). NAME must be letters, digits and `_`; anything else makes sshd skip the line even when the option is disabled.',
  },
  {
    name: 'permitopen',
    kind: 'value',
    template: 'permitopen="${1:localhost}:${2:873}"',
    docs: 'Limits `-L`/`-W` forwarding to `host:port` (IPv6 in `[]`, port a number, a service name from /etc/services or `*`). The host is compared literally: `localhost:873` does not allow `127.0.0.1:873`. May be repeated.',
  },
  {
    name: 'permitlisten',
    kind: 'value',
    template: 'permitlisten="${1:localhost}:${2:8873}"',
    docs: 'Limits `-R` listeners to `[host:]port`. A bare port allows any host; the client sends `localhost` when no bind address is given, so `127.0.0.1:PORT` refuses a plain `-R PORT`. May be repeated.',
  },
  {
    name: 'tunnel',
    kind: 'value',
    template: 'tunnel="${1:0}"',
    docs: 'Forces the tun device number (`ssh -w`): a number or `any`.',
  },
];

export function optionByName(name: string): OptionSpec | undefined {
  const lower = name.toLowerCase();
  return OPTIONS.find((o) => o.name === lower);
}

/** Every spelling a user may mean, for suggestions and completion (`no-pty`, `restrict`, `command`). */
export const OPTION_WORDS: readonly string[] = OPTIONS.flatMap((o) =>
  o.negatable ? [`no-${o.name === 'x11-forwarding' ? 'X11-forwarding' : o.name}`, o.name] : [o.name],
);

/** The flags the Debian push-mirror line uses to shut a trigger key down, and the one it forgets. */
export const DEBIAN_TRIGGER_FLAGS = ['port-forwarding', 'x11-forwarding', 'agent-forwarding', 'pty'] as const;
