import type { CheckContext } from '../types';
import type { KeyLine, KeyOption } from './parser';
import { checkEnvironment, checkFrom, checkPermit, checkTunnel, parseExpiry, type ValueProblem } from './values';

// What sshd makes of a parsed line: the permissions left after its options (sshauthopt_parse applies
// them left to right), and whether the line can grant a login at all.

export interface Effective {
  portForwarding: boolean;
  agentForwarding: boolean;
  x11Forwarding: boolean;
  pty: boolean;
  userRc: boolean;
  restricted: boolean;
  certAuthority: boolean;
  command?: KeyOption;
  from?: KeyOption;
}

const FLAG_FIELD: Record<string, keyof Effective> = {
  'port-forwarding': 'portForwarding',
  'agent-forwarding': 'agentForwarding',
  'x11-forwarding': 'x11Forwarding',
  pty: 'pty',
  'user-rc': 'userRc',
};

export function effectiveOptions(line: KeyLine): Effective {
  const e: Effective = {
    portForwarding: true,
    agentForwarding: true,
    x11Forwarding: true,
    pty: true,
    userRc: true,
    restricted: false,
    certAuthority: false,
  };
  for (const item of line.options?.items ?? []) {
    const name = item.spec?.name;
    if (!name || item.broken) continue;
    if (name === 'restrict') {
      Object.assign(e, {
        portForwarding: false,
        agentForwarding: false,
        x11Forwarding: false,
        pty: false,
        userRc: false,
        restricted: true,
      });
    } else if (name === 'cert-authority') e.certAuthority = true;
    else if (FLAG_FIELD[name]) (e as unknown as Record<string, boolean>)[FLAG_FIELD[name]] = !item.negated;
    else if (name === 'command' && !e.command) e.command = item;
    else if (name === 'from' && !e.from) e.from = item;
  }
  return e;
}

/** The problem sshd finds in an option's value, if any (the value is never checked for broken items). */
export function valueProblem(item: KeyOption): ValueProblem | undefined {
  if (item.broken || item.value === undefined) return undefined;
  switch (item.spec?.name) {
    case 'environment':
      return checkEnvironment(item.value);
    case 'expiry-time':
      return parseExpiry(item.value) === undefined
        ? { from: 0, to: item.value.length, message: 'bad time' }
        : undefined;
    case 'from':
      return checkFrom(item.value);
    case 'permitopen':
      return checkPermit(item.value, false);
    case 'permitlisten':
      return checkPermit(item.value, true);
    case 'tunnel':
      return checkTunnel(item.value);
    default:
      return undefined;
  }
}

const ONCE = new Set(['command', 'from', 'principals']);

/** True when sshd reads this line without a complaint (it may still refuse a login by `from` or expiry). */
export function parsesCleanly(line: KeyLine): boolean {
  if (line.issues.length || !line.typeInfo || !line.decoded?.ok) return false;
  if (line.decoded.key.type.plain !== line.typeInfo.plain || line.decoded.key.type.cert !== line.typeInfo.cert)
    return false;
  // A certificate as the key never equals the key a client offers: the line grants nothing.
  if (line.typeInfo.cert) return false;
  const seen = new Set<string>();
  let principals = false;
  let ca = false;
  for (const item of line.options?.items ?? []) {
    const name = item.spec?.name;
    if (!name) continue;
    if (ONCE.has(name)) {
      if (seen.has(name)) return false;
      seen.add(name);
    }
    if (name === 'principals') principals = true;
    if (name === 'cert-authority') ca = true;
    if (valueProblem(item)) return false;
  }
  return !principals || ca;
}

/** The earliest `expiry-time` of the line in ms, when there is one. */
export function expiry(line: KeyLine): { item: KeyOption; at: number } | undefined {
  let best: { item: KeyOption; at: number } | undefined;
  for (const item of line.options?.items ?? []) {
    if (item.spec?.name !== 'expiry-time' || item.broken || item.value === undefined) continue;
    const at = parseExpiry(item.value);
    if (at !== undefined && (!best || at < best.at)) best = { item, at };
  }
  return best;
}

export function isExpired(line: KeyLine, ctx: CheckContext): boolean {
  const e = expiry(line);
  return !!e && ctx.now !== undefined && e.at < ctx.now;
}

/** FIDO keys (`sk-…`): the only ones `verify-required` and `no-touch-required` act on. */
export function isSecurityKey(line: KeyLine): boolean {
  const family = line.typeInfo?.family;
  return family === 'ed25519-sk' || family === 'ecdsa-sk';
}

const cleanCache = new WeakMap<KeyLine, boolean>();

/** Lines sshd reads without complaint: advice about the others would only distract from their error. */
export function cleanLines(lines: readonly KeyLine[]): KeyLine[] {
  return lines.filter((line) => {
    let clean = cleanCache.get(line);
    if (clean === undefined) cleanCache.set(line, (clean = parsesCleanly(line)));
    return clean;
  });
}
