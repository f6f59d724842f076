import type { Span } from '../types';
import type { KeyOption } from './parser';

// Checks of option values, each mirroring the sshd function that reads it. They return the problem
// with a span relative to the dequoted value; `valueSpanAt` maps it back into the document.

export interface ValueProblem {
  /** Index range in the dequoted value. */
  from: number;
  to: number;
  message: string;
}

/** Document span of a range of the dequoted value (each `\"` in the source is one character longer). */
export function valueSpanAt(text: string, option: KeyOption, from: number, to: number): Span {
  const span = option.valueSpan!;
  const map: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    if (text[i] === '\\' && text[i + 1] === '"' && i + 1 < span.end) i++;
    map.push(i);
  }
  map.push(span.end);
  const at = (n: number) => map[Math.max(0, Math.min(n, map.length - 1))];
  return { start: at(from), end: Math.max(at(from), to >= map.length - 1 ? span.end : at(to)) };
}

/** valid_env_name + the `=` check of sshauthopt_parse. */
export function checkEnvironment(value: string): ValueProblem | undefined {
  const eq = value.indexOf('=');
  if (eq < 0) return { from: 0, to: value.length, message: 'needs `NAME=value`; without `=` sshd logs "invalid environment string" and skips the line' };
  if (!/^[A-Za-z0-9_]+$/.test(value.slice(0, eq))) {
    return { from: 0, to: eq, message: `\`${value.slice(0, eq)}\` is not a valid variable name (letters, digits and \`_\` only): sshd logs "invalid environment string" and skips the line` };
  }
  return undefined;
}

/** parse_absolute_time: the time in ms (local time unless Z/UTC), or undefined when sshd refuses it. */
export function parseExpiry(value: string, localOffsetMs: (utcGuess: number) => number = (t) => new Date(t).getTimezoneOffset() * 60000): number | undefined {
  let s = value;
  let utc = false;
  if (s.length > 1 && /z$/i.test(s)) {
    utc = true;
    s = s.slice(0, -1);
  } else if (s.length > 3 && /utc$/i.test(s)) {
    utc = true;
    s = s.slice(0, -3);
  }
  if (s.length !== 8 && s.length !== 12 && s.length !== 14) return undefined;
  if (!/^\d+$/.test(s)) return undefined;
  const n = (a: number, b: number) => Number(s.slice(a, b));
  const [y, mo, d] = [n(0, 4), n(4, 6), n(6, 8)];
  const [h, mi, sec] = s.length >= 12 ? [n(8, 10), n(10, 12), s.length === 14 ? n(12, 14) : 0] : [0, 0, 0];
  // strptime's ranges; it does not check the day against the month (mktime rolls it over).
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 61) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const t = utc ? asUtc : asUtc + localOffsetMs(asUtc);
  return t > 0 ? t : undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded IPv4 address (`::ffff:192.0.2.1`) stands for the last two groups.
    const v4 = parseIpv4(last);
    if (!v4) return undefined;
    return parseIpv6(`${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`);
  }
  const body = s;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const zeros = new Array<number>(8 - total).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16))];
}

function parseIpv4(s: string): number[] | undefined {
  return IPV4.test(s) ? s.split('.').map(Number) : undefined;
}

/** Bytes of an address sshd's addr_pton reads numerically, or undefined (then it is a pattern). */
export function parseAddress(s: string): Uint8Array | undefined {
  const v4 = parseIpv4(s);
  if (v4) return Uint8Array.from(v4);
  const v6 = parseIpv6(s);
  return v6 ? Uint8Array.from(v6.flatMap((g) => [g >> 8, g & 0xff])) : undefined;
}

/** addr_match_list's validity: empty elements and CIDRs sshd reads but finds inconsistent make the key unusable. */
export function checkFrom(value: string): ValueProblem | undefined {
  let at = 0;
  for (const raw of value.split(',')) {
    const from = at;
    at += raw.length + 1;
    const el = raw.startsWith('!') ? raw.slice(1) : raw;
    if (el === '') return { from, to: from + raw.length, message: value === '' ? 'an empty `from` list matches nothing: sshd refuses the key ("invalid from criteria")' : 'empty element in the `from` list: sshd refuses the key ("invalid from criteria")' };
    if (el.length >= 64) continue; // too long to be an address: a pattern
    const slash = el.indexOf('/');
    const addrText = slash < 0 ? el : el.slice(0, slash);
    const maskText = slash < 0 ? undefined : el.slice(slash + 1);
    if (maskText !== undefined && !/^\d+$/.test(maskText)) continue;
    const addr = parseAddress(addrText);
    if (!addr) continue;
    const max = addr.length * 8;
    const mask = maskText === undefined ? max : Number(maskText);
    if (mask > 128) continue;
    if (mask > max) return { from, to: from + raw.length, message: `\`/${maskText}\` is longer than an IPv${addr.length === 4 ? 4 : 6} address: sshd refuses the key ("invalid from criteria")` };
    if (hostBitsSet(addr, mask)) {
      const net = networkOf(addr, mask);
      return { from, to: from + raw.length, message: `\`${el}\` has host bits set (the network is \`${net}/${mask}\`): sshd refuses the key ("invalid from criteria")` };
    }
  }
  return undefined;
}

function hostBitsSet(addr: Uint8Array, mask: number): boolean {
  for (let bit = mask; bit < addr.length * 8; bit++) if (addr[bit >> 3] & (0x80 >> (bit & 7))) return true;
  return false;
}

function networkOf(addr: Uint8Array, mask: number): string {
  const out = Uint8Array.from(addr);
  for (let bit = mask; bit < out.length * 8; bit++) out[bit >> 3] &= ~(0x80 >> (bit & 7));
  if (out.length === 4) return out.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((out[i] << 8) | out[i + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Service names getservbyname finds in Debian's /etc/services that a mirror admin might use. */
const SERVICES = new Set(['ssh', 'http', 'https', 'rsync', 'ftp', 'smtp', 'domain', 'telnet', 'imap', 'imaps', 'pop3', 'pop3s', 'ldap', 'ldaps', 'nntp', 'submission', 'postgresql', 'mysql', 'git', 'http-alt', 'ntp', 'x11', 'socks']);

/** handle_permit: `host:port` (permitlisten also a bare port); port a number 1–65535, a service or `*`. */
export function checkPermit(value: string, listen: boolean): ValueProblem | undefined {
  const v = listen && !value.includes(':') ? `*:${value}` : value;
  const shift = v.length - value.length;
  let hostEnd: number;
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    if (close < 0 || (close + 1 < v.length && v[close + 1] !== ':' && v[close + 1] !== '/')) {
      return { from: 0, to: value.length, message: 'bad `[address]`: sshd logs "invalid permission hostname" and skips the line' };
    }
    hostEnd = close + 1;
  } else {
    const m = /[:/]/.exec(v);
    hostEnd = m ? m.index : v.length;
  }
  if (hostEnd >= v.length) return { from: 0, to: value.length, message: `no port: write \`${value || 'host'}:PORT\`; sshd logs "invalid permission port" and skips the line` };
  const port = v.slice(hostEnd + 1);
  const from = Math.max(0, hostEnd + 1 - shift);
  if (port === '*') return undefined;
  if (/^\d+$/.test(port)) {
    const n = Number(port);
    if (n >= 1 && n <= 65535) return undefined;
  } else if (SERVICES.has(port)) return undefined;
  const what = /^\d+$/.test(port) ? `port ${port} is out of range (1–65535)` : `\`${port}\` is not a port number, \`*\` or a service name`;
  return { from, to: value.length, message: `${what}: sshd logs "invalid permission port" and skips the line` };
}

/** a2tun: `any` (any case) or 0–2147483645. */
export function checkTunnel(value: string): ValueProblem | undefined {
  if (/^any$/i.test(value)) return undefined;
  if (/^\d+$/.test(value) && Number(value) <= 0x7fffffff - 2) return undefined;
  return { from: 0, to: value.length, message: `\`${value}\` is not a tun device number or \`any\`: sshd logs "invalid tun device" and skips the line` };
}
