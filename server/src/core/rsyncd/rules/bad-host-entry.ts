import { isIP } from '../ip';
import { forEachValue, quote, rsyncdRule, splitTokens, valueSpan } from './util';

const KEYS = ['hostsallow', 'hostsdeny', 'proxyprotocolhosts'];

export const badHostEntry = rsyncdRule(
  'bad-host-entry',
  'error',
  '`hosts allow`/`hosts deny` entry with a malformed mask or address; it never matches.',
  [
    'Entries are split on spaces, commas and tabs. An entry may be an address, `addr/bits`, `addr/netmask`, a host name,',
    'a host name wildcard or `@netgroup`. With a `/`, the part before it must be an IPv4 or IPv6 address and the mask a',
    'netmask or a bit count up to 32 (IPv4) or 128 (IPv6). Otherwise rsync logs `malformed mask` (or "error matching address")',
    'and the entry **never matches**: in `hosts allow` that locks the clients out, in `hosts deny` it lets them in.',
  ],
  (doc, report) => {
    forEachValue(doc, KEYS, findings, (p, found) => {
      for (const [from, to, problem] of found) {
        const text = p.value.slice(from, to);
        report(valueSpan(p, from, to), `${quote(text)}: ${problem}; this entry never matches.`);
      }
    });
  },
);

/** Bad entries of a host list as `[from, to, problem]`, or undefined when there are none. */
function findings(value: string): [number, number, string][] | undefined {
  const out: [number, number, string][] = [];
  for (const [from, to] of splitTokens(value, ' ,\t')) {
    const problem = hostEntryProblem(value.slice(from, to).toLowerCase());
    if (problem) out.push([from, to, problem]);
  }
  return out.length ? out : undefined;
}

/** Why an entry can never match, or undefined. */
export function hostEntryProblem(entry: string): string | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) {
    if (/^[\d.]+$/.test(entry) && !isIP(entry)) return 'not a valid IPv4 address';
    return undefined;
  }
  const addr = entry.slice(0, slash);
  const mask = entry.slice(slash + 1);
  const family = isIP(addr.replace(/%.*$/, ''));
  if (!family) return /^[\d.]*$/.test(addr) || addr.includes(':') ? `${quote(addr)} is not a valid address` : 'an entry with `/` must start with an IP address, not a host name';
  if (isIP(mask) === family) return undefined;
  if (!/^\d+$/.test(mask)) return `malformed mask ${quote(mask)}`;
  const bits = Number(mask);
  const max = family === 4 ? 32 : 128;
  if (bits > max) return `malformed mask: /${mask} is more than ${max} bits`;
  return undefined;
}
