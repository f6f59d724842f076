// Numeric address syntax as the daemon's C library reads it. Two readers matter for rsyncd.conf:
// - inet_pton (strict dotted quad, RFC 4291 text), used for an `addr/netmask` mask;
// - getaddrinfo(AI_NUMERICHOST) as glibc implements it, used for the address of a `hosts allow` entry:
//   for IPv4 it is inet_aton, which also takes the short forms `127.1` and `10.1.2` and reads a part
//   with a leading 0 as octal (`010` is 8, `08` is invalid). Observed with rsync 3.5.0 on Debian 12.

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  // inet_pton: four decimal parts, no leading zeros ("0" itself is fine).
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return false;
  let groups = s.split(':');
  const last = groups[groups.length - 1];
  let extra = 0;
  if (last.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = groups.slice(0, -1);
    extra = 2;
  }
  const compressed = s.includes('::');
  const filled = groups.filter((g) => g !== '');
  if (!filled.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  // Empty groups are only allowed as part of one `::`.
  if (!compressed && groups.some((g) => g === '')) return false;
  const count = filled.length + extra;
  return compressed ? count <= 7 : count === 8;
}

/** 4, 6, or 0 when `s` is not a numeric address (inet_pton's syntax). */
export function isIP(s: string): 0 | 4 | 6 {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

/**
 * An IPv4 address made of digits and dots as inet_aton reads it (glibc's getaddrinfo with
 * AI_NUMERICHOST): 1 to 4 parts, the last one filling the remaining bytes; a part starting with 0 is
 * octal. Returns the dotted-quad it means, or undefined when the C library rejects it.
 */
export function inetAton(s: string): string | undefined {
  if (!/^[\d.]+$/.test(s)) return undefined;
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const p of parts) {
    if (p === '') return undefined;
    if (p.length > 1 && p[0] === '0') {
      if (!/^[0-7]+$/.test(p)) return undefined;
      values.push(parseInt(p, 8));
    } else values.push(Number(p));
  }
  const last = values.length - 1;
  for (let i = 0; i < last; i++) if (values[i] > 255) return undefined;
  if (values[last] >= 2 ** (8 * (4 - last))) return undefined;
  const bytes = values.slice(0, last);
  let rest = values[last];
  const tail: number[] = [];
  for (let i = last; i < 4; i++) {
    tail.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return [...bytes, ...tail].join('.');
}
