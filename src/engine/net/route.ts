import * as dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { english, type Translate } from '../l10n';

// The address a downstream sees this host connect from: the source address the kernel's routing
// picks for the downstream's address, as `ip route get ADDRESS` shows it. Asked without sending a
// packet: connect() on a UDP socket only selects the route and binds the source address; address()
// then reports it. That is the address sshd's `from=` must allow — often not one of this host's
// interface addresses (127.0.1.x is reached from 127.0.0.1, a NAT or VPN route from its own source).

export interface RouteSource {
  /** The downstream's address the route was looked up for. */
  destination: string;
  family: 'IPv4' | 'IPv6';
  /** The source address this host uses to reach it. */
  source: string;
}

export interface RouteLookup {
  host: string;
  /** One entry per address the host name resolves to (IPv4 first), for the ones that have a route. */
  routes: RouteSource[];
  /** Why there is nothing (or less): the name did not resolve, no route to an address. */
  problems: string[];
}

/** Any port will do: a UDP connect() sends nothing. */
const PROBE_PORT = 9;

/** The source address the kernel picks for packets to `address` (an IPv4 or IPv6 literal). */
export function sourceAddressFor(address: string): Promise<RouteSource> {
  const family = isIP(address);
  if (!family) return Promise.reject(new Error(`${address} is not an IP address`));
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  return new Promise<RouteSource>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(PROBE_PORT, address, () => {
      try {
        const source = socket.address().address.replace(/%.*$/, '');
        resolve({ destination: address, family: family === 6 ? 'IPv6' : 'IPv4', source });
      } catch (error) {
        reject(error as Error);
      }
    });
  }).finally(() => socket.close());
}

/** Names reserved for documentation and tests (RFC 2606, RFC 6761): never looked up. */
const RESERVED_NAME = /(^|\.)(example(\.(com|net|org))?|test|invalid)\.?$/i;

export interface RouteOptions {
  /** Resolver; the system's (getaddrinfo, as ssh uses) by default. */
  resolve?: (host: string) => Promise<string[]>;
  timeoutMs?: number;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * The source addresses for every address `host` resolves to (through the system resolver, as ssh
 * would), IPv4 first. Bounded by `timeoutMs`: a name that does not resolve must not hold a wizard up.
 */
export async function routeSources(host: string, options: RouteOptions = {}): Promise<RouteLookup> {
  const { resolve = systemResolve, timeoutMs = 3000 } = options;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const problems: string[] = [];
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else if (RESERVED_NAME.test(bare))
    return { host, routes: [], problems: [`${host} is a documentation name (RFC 2606), not looked up`] };
  else {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      addresses = [...new Set(await Promise.race([resolve(bare), timeout]))];
    } catch (error) {
      return { host, routes: [], problems: [`${host} does not resolve: ${(error as Error).message}`] };
    } finally {
      clearTimeout(timer);
    }
  }
  const routes: RouteSource[] = [];
  for (const address of addresses) {
    try {
      routes.push(await sourceAddressFor(address));
    } catch (error) {
      problems.push(`no route to ${address}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  routes.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
  return { host, routes, problems };
}

/** The `from=` list for these routes: each distinct source address once, IPv4 first. */
export function fromList(routes: readonly RouteSource[]): string {
  return [...new Set(routes.map((r) => r.source))].join(',');
}

/** Says which address was used and why, e.g. "the source address this host uses to reach eu.two, as `ip route get 127.0.1.2` shows". */
export function explainRoutes(name: string, routes: readonly RouteSource[], t: Translate = english): string {
  const commands = routes.map((r) => `\`ip ${r.family === 'IPv6' ? '-6 ' : ''}route get ${r.destination}\``);
  if (commands.length <= 1)
    return t('the source address this host uses to reach {0}, as {1} shows', name, commands[0] ?? '');
  const listed = t('{0} and {1}', commands.slice(0, -1).join(', '), commands[commands.length - 1]!);
  return new Set(routes.map((r) => r.source)).size > 1
    ? t('the source addresses this host uses to reach {0}, as {1} show', name, listed)
    : t('the source address this host uses to reach {0}, as {1} show', name, listed);
}
