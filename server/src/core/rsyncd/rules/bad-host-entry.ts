import { defineRule } from '../../rule';
import { expansion, placedReporter } from '../includes';
import { inetAton, isIP, isIPv6 } from '../ip';
import { parseBool } from '../values';
import { wildmatch } from '../../secrets/modules';
import { effectiveBool } from './security';
import { forEachValue, isIgnored, paramsWithKey, quote, splitTokens, valueSpan } from './util';

import type { Reporter } from '../../rule';
import type { CheckContext } from '../../types';
import type { RsyncdDocument } from '../parser';

const KEYS = ['hostsallow', 'hostsdeny', 'proxyprotocolhosts'];

export const badHostEntry = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-host-entry',
  severity: 'error',
  summary: '`hosts allow`/`hosts deny` entry with a malformed mask or address; it never matches.',
  docs: [
    'Entries are split on spaces, commas and tabs. An entry may be an address, `addr/bits`, `addr/netmask`, a host name,',
    'a host name wildcard or `@netgroup`. With a `/`, the part before it must be an IPv4 or IPv6 address and the mask a',
    'netmask or a bit count up to 32 (IPv4) or 128 (IPv6). Otherwise rsync logs `malformed mask` (or "error matching address")',
    'and the entry **never matches**: in `hosts allow` that locks the clients out, in `hosts deny` it lets them in.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    forEachValue(doc, KEYS, findings, (p, found) => {
      for (const [from, to, problem] of found) {
        const text = p.value.slice(from, to);
        // An octal part still matches, only another address than the one written.
        const tail = problem.startsWith('a leading 0') ? '.' : '; this entry never matches.';
        report(valueSpan(p, from, to), `${quote(text)}: ${problem}${tail}`);
      }
    });
    namesWithoutLookup(doc, report, ctx);
  },
});

/**
 * Host names need the client's name: the daemon looks it up when the global or the module's `reverse
 * lookup` is on, else the name is "UNDETERMINED" (clientserver.c). Then a wildcard (or `@netgroup`)
 * never matches, and a plain name only through `forward lookup` (access.c). Observed with 3.5.0.
 */
function namesWithoutLookup(doc: RsyncdDocument, report: Reporter, ctx: CheckContext): void {
  const lines = paramsWithKey(doc, 'reverselookup');
  if (!lines.some((p) => !isIgnored(p) && parseBool(p.value, false) === false)) return;
  const globals = lines.filter((p) => p.section.isGlobal);
  if (!globals.length || parseBool(globals[globals.length - 1].value, false) !== false) return;
  const exp = expansion(doc, ctx);
  const at = placedReporter(exp, report);
  const done = new Set<string>();
  for (const m of exp.modules) {
    if (effectiveBool(m, 'reverselookup', true) !== false) continue;
    const forward = effectiveBool(m, 'forwardlookup', true) !== false;
    for (const key of ['hostsallow', 'hostsdeny']) {
      const setting = m.get(key);
      if (!setting) continue;
      const place = `${forward}:${setting.entry.section.key}:${setting.entry.span.start}`;
      if (done.has(place)) continue;
      done.add(place);
      for (const [from, to] of splitTokens(setting.value, ' ,\t')) {
        const why = nameProblem(setting.value.slice(from, to).toLowerCase(), forward);
        if (why)
          at(
            setting.entry,
            valueSpan(setting.entry, from, to),
            `${quote(setting.value.slice(from, to))}: ${why} in module [${m.name}]; this entry never matches.`,
          );
      }
    }
  }
}

/** Why a host-name entry cannot match when the client's host name is unknown ("UNDETERMINED"). */
function nameProblem(token: string, forward: boolean): string | undefined {
  // Addresses and masks are matched as addresses.
  if (token.includes('/') || token.includes(':') || /^[\d.]+$/.test(token)) return undefined;
  if (wildmatch(token, 'undetermined')) return undefined;
  if (token.startsWith('@')) return "a netgroup is matched against the client's host name, and `reverse lookup` is off";
  if (/[*?[]/.test(token))
    return "a host name wildcard is matched against the client's host name, and `reverse lookup` is off";
  if (!forward) return 'a host name is matched by reverse lookup or `forward lookup`, and both are off';
  return undefined;
}

/** Bad entries of a host list as `[from, to, problem]`, or undefined when there are none. */
function findings(value: string): [number, number, string][] | undefined {
  const out: [number, number, string][] = [];
  for (const [from, to] of splitTokens(value, ' ,\t')) {
    const problem = hostEntryProblem(value.slice(from, to).toLowerCase());
    if (problem) out.push([from, to, problem]);
  }
  return out.length ? out : undefined;
}

/**
 * Why an entry can never match (or matches another address than written), or undefined. Mirrors
 * access.c: a token is first matched as a host name (wildcards against the client's reverse-DNS name,
 * never its address), then, when it is made of digits and dots or holds a `:`, as an address read by
 * getaddrinfo (glibc: inet_aton for IPv4, so `127.1` is valid and a leading 0 means octal); the mask
 * after `/` is a netmask (inet_pton) or a bit count.
 */
export function hostEntryProblem(entry: string): string | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) {
    if (/^[\d.]+$/.test(entry)) return ipv4Problem(entry);
    if (/\d/.test(entry) && /[*?[]/.test(entry) && /^[\d.*?[\]-]+$/.test(entry)) {
      return "a wildcard is matched against the client's host name, never its address (write `addr/bits`, e.g. `192.0.2.0/24`)";
    }
    if (entry.includes(':') && !isIPv6(entry.replace(/%.*$/, '')))
      return 'not a valid IPv6 address (rsync logs "error matching address")';
    return undefined;
  }
  const addr = entry.slice(0, slash);
  const mask = entry.slice(slash + 1);
  // A part before the `/` that is not made of digits and dots (and has no `:`) is taken for a host name: never matches.
  if (!/^[\d.]*$/.test(addr) && !addr.includes(':'))
    return 'an entry with `/` must start with an IP address, not a host name';
  let family: 0 | 4 | 6 = 0;
  if (addr.includes(':')) family = isIPv6(addr.replace(/%.*$/, '')) ? 6 : 0;
  else if (inetAton(addr) !== undefined) family = 4;
  if (!family) return `${quote(addr)} is not a valid address`;
  if (isIP(mask) === family) return family === 4 ? octalNote(addr) : undefined;
  // strtol(mask, 10): an optional sign, then digits only; 0 matches every address.
  if (!/^[+-]?\d+$/.test(mask)) return `malformed mask ${quote(mask)}`;
  const bits = Number(mask);
  const max = family === 4 ? 32 : 128;
  if (bits < 0 || bits > max) return `malformed mask: /${mask} is ${bits < 0 ? 'negative' : `more than ${max} bits`}`;
  return family === 4 ? octalNote(addr) : undefined;
}

function ipv4Problem(entry: string): string | undefined {
  if (inetAton(entry) === undefined) return 'not a valid IPv4 address (rsync logs "error matching address")';
  return octalNote(entry);
}

/** A part with a leading 0 is octal to inet_aton: `010` is 8. Reported only when that changes the address. */
function octalNote(addr: string): string | undefined {
  const parts = addr.split('.');
  if (parts.length !== 4 || !parts.some((p) => p.length > 1 && p[0] === '0')) return undefined;
  const meant = parts.map((p) => String(Number(p))).join('.');
  const read = inetAton(addr);
  return read !== undefined && read !== meant
    ? `a leading 0 makes a part octal: rsync reads ${quote(addr)} as ${read}, not ${meant}`
    : undefined;
}
