// Numeric address syntax as getaddrinfo(AI_NUMERICHOST) / inet_pton accept it (dotted quad, RFC 4291 text).

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
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

/** 4, 6, or 0 when `s` is not a numeric address. */
export function isIP(s: string): 0 | 4 | 6 {
  return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}
