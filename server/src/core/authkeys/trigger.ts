import type { Fix } from '../types';
import type { Effective } from './analysis';
import { parseAuthorizedKeysLine, type KeyLine } from './parser';

// The push-trigger line this project recommends: `restrict` first (everything off, including
// ~/.ssh/rc and whatever a later OpenSSH restricts), then the forced command and the upstream's
// address. Shared by the quick fix and the key-generation wizard.

/** Quotes a value for an authorized_keys option: sshd's only escape is `\"`. */
export function quoteOptionValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new RangeError('an authorized_keys option value cannot contain a line break');
  // `\"` is the only escape, so a value ending in a backslash would escape the closing quote.
  if (value.endsWith('\\')) throw new RangeError('an authorized_keys option value cannot end with a backslash');
  return `"${value.replace(/"/g, '\\"')}"`;
}

export interface TriggerLineInput {
  /** The forced command, e.g. `~/bin/ftpsync`. */
  command: string;
  /** The upstream's addresses for `from=` (comma-separated list); left out when empty. */
  from?: string;
  /** The public key: `type base64 [comment]` (a .pub line); any options already on it are replaced. */
  keyLine: string;
}

/**
 * `restrict,command="…",from="…" <type> <key> <comment>`. Throws a RangeError when the key line holds
 * no key or a value cannot be written in authorized_keys syntax.
 */
export function formatTriggerLine({ command, from, keyLine }: TriggerLineInput): string {
  const parsed = parseAuthorizedKeysLine(keyLine.trim());
  if (!parsed?.keyType || !parsed.typeInfo || !parsed.decoded?.ok)
    throw new RangeError('the key line holds no readable key (expected `type base64 [comment]`)');
  const key = keyLine.trim().slice(parsed.keyType.start);
  const options = [
    'restrict',
    `command=${quoteOptionValue(command)}`,
    ...(from ? [`from=${quoteOptionValue(from)}`] : []),
  ];
  return `${options.join(',')} ${key}`;
}

const FLAG_NAMES = new Set(['restrict', 'port-forwarding', 'agent-forwarding', 'x11-forwarding', 'pty', 'user-rc']);

/**
 * The "restrict to the sync command" fix: the line's options become `restrict,command=…[,from=…]`
 * followed by the other value options it had (expiry, environment, …); the permission flags go,
 * since `restrict` covers them and a positive flag would re-open what it closes.
 */
export function restrictFix(text: string, line: KeyLine): Fix | undefined {
  const items = (line.options?.items ?? []).filter((i) => !i.broken);
  const command = items.find((i) => i.spec?.name === 'command');
  if (!command || !line.options) return undefined;
  const from = items.find((i) => i.spec?.name === 'from');
  const rest = items.filter((i) => i !== command && i !== from && !FLAG_NAMES.has(i.spec?.name ?? ''));
  const parts = ['restrict', command, ...(from ? [from] : []), ...rest].map((p) =>
    typeof p === 'string' ? p : text.slice(p.start, p.end),
  );
  return {
    title: 'Restrict to the sync command',
    preferred: true,
    edits: [{ start: line.options.span.start, end: line.options.span.end, newText: parts.join(',') }],
  };
}

/**
 * The permissions a trigger line leaves open without asking for them: on by default, not switched back
 * on by their own option after `restrict` (`restrict,pty` and `restrict,port-forwarding,permitopen=…`
 * are choices, not oversights).
 */
export function unintendedPermissions(line: KeyLine, e: Effective): string[] {
  const items = line.options?.items ?? [];
  const chosen = (flag: string) => {
    const last = [...items].reverse().find((i) => !i.broken && (i.spec?.name === flag || i.spec?.name === 'restrict'));
    return last?.spec?.name === flag && !last.negated;
  };
  return [
    e.portForwarding && !chosen('port-forwarding') && 'port forwarding (-L/-R/-W)',
    e.agentForwarding && !chosen('agent-forwarding') && 'agent forwarding',
    e.x11Forwarding && !chosen('x11-forwarding') && 'X11 forwarding',
    e.pty && !chosen('pty') && 'a pty',
  ].filter((p): p is string => !!p);
}
