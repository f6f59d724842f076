import type { Span } from '../types';
import type { KeyOption } from './parser';
import { TCP_SERVICES } from './services';

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
  if (eq < 0)
    return {
      from: 0,
      to: value.length,
      message: 'needs `NAME=value`; without `=` sshd logs "invalid environment string" and skips the line',
    };
  if (!/^[A-Za-z0-9_]+$/.test(value.slice(0, eq))) {
    return {
      from: 0,
      to: eq,
      message: `\`${value.slice(0, eq)}\` is not a valid variable name (letters, digits and \`_\` only): sshd logs "invalid environment string" and skips the line`,
    };
  }
  return undefined;
}

/** C isspace() in the C locale. */
const isCSpace = (c: string | undefined) =>
  c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';

/**
 * OpenBSD strtonum(s, min, max) as sshd calls it: strtoll in base 10 (leading white space and a sign
 * allowed), the whole string consumed, the value inside the range. Undefined when it fails.
 */
export function strtonum(s: string, min: number, max: number): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) return undefined;
  const v = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return v >= min && v <= max ? v + 0 : undefined;
}

/**
 * glibc strptime for the numeric formats sshd builds (`%Y-%m-%dT%H:%M:%S` and shorter): each number
 * skips white space, reads up to its width while it stays in range, and the literals must match.
 */
function strptimeNumbers(buf: string, fmt: string): number[] | undefined {
  const WIDTH: Record<string, [number, number, number]> = {
    Y: [0, 9999, 4],
    m: [1, 12, 2],
    d: [1, 31, 2],
    H: [0, 23, 2],
    M: [0, 59, 2],
    S: [0, 61, 2],
  };
  const out: number[] = [];
  let rp = 0;
  for (let f = 0; f < fmt.length; f++) {
    if (fmt[f] !== '%') {
      if (buf[rp++] !== fmt[f]) return undefined;
      continue;
    }
    const [from, to, width] = WIDTH[fmt[++f]];
    while (isCSpace(buf[rp])) rp++;
    if (!/[0-9]/.test(buf[rp] ?? '')) return undefined;
    let val = 0;
    let n = width;
    do val = val * 10 + Number(buf[rp++]);
    while (--n > 0 && val * 10 <= to && /[0-9]/.test(buf[rp] ?? ''));
    if (val < from || val > to) return undefined;
    out.push(val);
  }
  return rp === buf.length ? out : undefined;
}

/**
 * The local zone's offset from UTC in standard time, in the year of `t`: sshd hands mktime a struct tm
 * with tm_isdst = 0, so a local expiry time is read as standard time even in summer (12:00 in Berlin in
 * July is 11:00 UTC, not 10:00).
 */
export function standardTimeOffsetMs(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const at = (month: number) => {
    const d = new Date(0);
    d.setUTCFullYear(year, month, 1);
    return d.getTimezoneOffset();
  };
  return Math.max(at(0), at(6)) * 60000;
}

/**
 * parse_absolute_time (misc.c): the time in ms, or undefined when sshd refuses it ("invalid expires
 * time"). Local time unless the value ends in Z or UTC (any case); sshd also refuses the epoch itself
 * and anything before it.
 */
export function parseExpiry(
  value: string,
  localOffsetMs: (utcGuess: number) => number = standardTimeOffsetMs,
): number | undefined {
  const s = value;
  let l = s.length;
  let utc = false;
  if (l > 1 && /^z$/i.test(s.slice(l - 1))) {
    utc = true;
    l--;
  } else if (l > 3 && /^utc$/i.test(s.slice(l - 3))) {
    utc = true;
    l -= 3;
  }
  // The same buffer sshd hands to strptime: fixed-width slices of the value with separators between.
  const cut = (a: number, b: number) => s.slice(a, b);
  let fields: number[] | undefined;
  if (l === 8) fields = strptimeNumbers(`${cut(0, 4)}-${cut(4, 6)}-${cut(6, 8)}`, '%Y-%m-%d');
  else if (l === 12)
    fields = strptimeNumbers(`${cut(0, 4)}-${cut(4, 6)}-${cut(6, 8)}T${cut(8, 10)}:${cut(10, 12)}`, '%Y-%m-%dT%H:%M');
  else if (l === 14)
    fields = strptimeNumbers(
      `${cut(0, 4)}-${cut(4, 6)}-${cut(6, 8)}T${cut(8, 10)}:${cut(10, 12)}:${cut(12, 14)}`,
      '%Y-%m-%dT%H:%M:%S',
    );
  if (!fields) return undefined;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = fields;
  // timegm/mktime roll days and seconds over (20990230 is 2 March); Date.UTC would read years < 100 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, 0);
  const asUtc = date.getTime();
  const t = utc ? asUtc : asUtc + localOffsetMs(asUtc);
  return t > 0 ? t : undefined;
}

/** inet_pton's strict dotted quad, the only IPv4 form inside an IPv6 address (`::ffff:192.0.2.1`). */
const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseIpv6(s: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded IPv4 address (`::ffff:192.0.2.1`) stands for the last two groups.
    if (!DOTTED_QUAD.test(last)) return undefined;
    const v4 = last.split('.').map(Number);
    return parseIpv6(
      `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`,
    );
  }
  const halves = s.split('::');
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

/**
 * glibc inet_aton_exact, which getaddrinfo(AI_NUMERICHOST) uses for IPv4: one to four parts, each a
 * C number (`0x` hex, leading `0` octal, else decimal), the last filling the remaining bytes. So
 * `127.1` is 127.0.0.1, `10` is 0.0.0.10 and `192.0.2` is 192.0.0.2.
 */
function inetAton(s: string): number[] | undefined {
  const parts: bigint[] = [];
  let i = 0;
  for (;;) {
    const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(i));
    if (!m) return undefined;
    const text = m[1];
    const value = /^0[xX]/.test(text)
      ? BigInt(text)
      : text.length > 1 && text[0] === '0'
        ? BigInt(`0o${text.slice(1)}`)
        : BigInt(text);
    if (value > 0xffffffffn) return undefined;
    i += text.length;
    if (s[i] !== '.') {
      parts.push(value);
      break;
    }
    if (parts.length > 2 || value > 0xffn) return undefined;
    parts.push(value);
    i++;
  }
  if (i !== s.length) return undefined;
  const last = parts.pop()!;
  const room = 4 - parts.length;
  if (last >= 1n << BigInt(8 * room)) return undefined;
  const bytes = parts.map(Number);
  for (let k = room - 1; k >= 0; k--) bytes.push(Number((last >> BigInt(8 * k)) & 0xffn));
  return bytes;
}

/**
 * Bytes of an address sshd's addr_pton (getaddrinfo with AI_NUMERICHOST) reads, or undefined: then
 * sshd treats the word as a wildcard pattern. Addresses with a `%zone` depend on the host's
 * interfaces and are left undecided (undefined).
 */
export function parseAddress(s: string): Uint8Array | undefined {
  const v4 = inetAton(s);
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
    if (el === '')
      return {
        from,
        to: from + raw.length,
        message:
          value === ''
            ? 'an empty `from` list matches nothing: sshd refuses the key ("invalid from criteria")'
            : 'empty element in the `from` list: sshd refuses the key ("invalid from criteria")',
      };
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
    if (mask > max)
      return {
        from,
        to: from + raw.length,
        message: `\`/${maskText}\` is longer than an IPv${addr.length === 4 ? 4 : 6} address: sshd refuses the key ("invalid from criteria")`,
      };
    if (hostBitsSet(addr, mask)) {
      const read =
        addr.length === 4 && !DOTTED_QUAD.test(addrText)
          ? ` (sshd reads \`${addrText}\` as the address ${addr.join('.')})`
          : '';
      const meant = shortNetwork(addrText);
      const net = meant && !hostBitsSet(parseAddress(meant)!, mask) ? meant : networkOf(addr, mask);
      return {
        from,
        to: from + raw.length,
        message: `\`${el}\` has host bits set${read}; write \`${net}/${mask}\`. sshd refuses the key ("invalid from criteria")`,
      };
    }
  }
  return undefined;
}

/** `10` or `192.0.2` padded with `.0` to four parts, when that is what a short form most likely meant. */
function shortNetwork(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length >= 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return [...parts, '0', '0', '0'].slice(0, 4).join('.');
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

/** a2port: a number 0–65535 (strtonum) or a TCP service name; sshd's handle_permit wants it above 0. */
function a2port(s: string): number {
  const n = strtonum(s, 0, 65535);
  if (n !== undefined) return n;
  return TCP_SERVICES.has(s) ? 1 : -1;
}

/** NI_MAXHOST: handle_permit refuses a host of this length or more. */
const NI_MAXHOST = 1025;

/**
 * handle_permit (auth-options.c): `host:port` split by hpdelim2 (`[IPv6]` in brackets, `:` or `/` as
 * the separator); permitlisten also takes a bare port (any host). The port is `*` or what a2port reads.
 */
export function checkPermit(value: string, listen: boolean): ValueProblem | undefined {
  const v = listen && !value.includes(':') ? `*:${value}` : value;
  const shift = v.length - value.length;
  let sep: number;
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    sep = close < 0 ? -1 : close + 1;
  } else {
    const m = /[:/]/.exec(v);
    sep = m ? m.index : v.length;
  }
  if (sep < 0 || (sep < v.length && v[sep] !== ':' && v[sep] !== '/')) {
    return {
      from: 0,
      to: value.length,
      message:
        'bad `[address]` (write `[2001:db8::1]:PORT`): sshd logs "invalid permission hostname" and skips the line',
    };
  }
  if (sep >= NI_MAXHOST)
    return {
      from: 0,
      to: Math.max(0, sep - shift),
      message: 'the host name is too long: sshd logs "invalid permission hostname" and skips the line',
    };
  if (sep >= v.length)
    return {
      from: 0,
      to: value.length,
      message: `no port: write \`${value || 'host'}:PORT\`; sshd logs "invalid permission port" and skips the line`,
    };
  const port = v.slice(sep + 1);
  if (port === '*' || a2port(port) > 0) return undefined;
  const from = Math.max(0, sep + 1 - shift);
  const host = v.slice(0, sep);
  let what: string;
  if (port === '') {
    what = `no port after the \`${v[sep]}\``;
  } else if (
    /^[0-9a-fA-F]{0,4}$/.test(host) &&
    port.includes(':') &&
    parseIpv6(`${host}:${port}`.replace(/:\d+$/, '')) !== undefined
  ) {
    what = `an IPv6 address must be in brackets (\`[${value.replace(/:(\d+|\*)$/, '')}]:${/:(\d+|\*)$/.exec(value)?.[1] ?? 'PORT'}\`): sshd reads \`${host}\` as the host and \`${port}\` as the port`;
  } else if (strtonum(port, -Infinity, Infinity) !== undefined) {
    what = `port ${port.trim()} is out of range (1–65535)`;
  } else if (TCP_SERVICES.has(port.toLowerCase())) {
    what = `\`${port}\` is not a service name (they are case-sensitive: \`${port.toLowerCase()}\`)`;
  } else {
    what = `\`${port}\` is not a port number, \`*\` or a service name from /etc/services`;
  }
  return { from, to: value.length, message: `${what}: sshd logs "invalid permission port" and skips the line` };
}

/** a2tun: `any` (any case) or what strtonum reads in 0–2147483645. */
export function checkTunnel(value: string): ValueProblem | undefined {
  if (/^any$/i.test(value)) return undefined;
  if (strtonum(value, 0, 0x7fffffff - 2) !== undefined) return undefined;
  return {
    from: 0,
    to: value.length,
    message: `\`${value}\` is not a tun device number or \`any\`: sshd logs "invalid tun device" and skips the line`,
  };
}
