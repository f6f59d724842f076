// /etc/services as getservbyname(3) reads it: `name port/protocol [aliases…]`, `#` starts a comment.
// inetd looks a service name up with the protocol field minus its first digit and what follows
// (`tcp6` → `tcp`), and ignores the line ("NAME/PROTO: unknown service") when there is none.

export const SERVICES_FILE = '/etc/services';

export interface ServiceEntry {
  name: string;
  aliases: string[];
  port: number;
  protocol: string;
  /** Zero-based line in the services file. */
  line: number;
}

export function parseServices(text: string): ServiceEntry[] {
  const entries: ServiceEntry[] = [];
  text.split('\n').forEach((raw, line) => {
    const words = raw
      .replace(/#.*/, '')
      .trim()
      .split(/[ \t]+/);
    const m = /^(\d+)\/(\S+)$/.exec(words[1] ?? '');
    if (!words[0] || !m) return;
    entries.push({ name: words[0], aliases: words.slice(2), port: Number(m[1]), protocol: m[2], line });
  });
  return entries;
}

/** The protocol inetd asks getservbyname for: `tcp6` → `tcp`, `udp46` → `udp`. */
export function lookupProtocol(protocol: string): string {
  const digit = protocol.search(/\d/);
  return digit < 0 ? protocol : protocol.slice(0, digit);
}

const indexes = new WeakMap<readonly ServiceEntry[], Map<string, ServiceEntry>>();

/** The first line naming `name` (or an alias) for the protocol, as getservbyname returns it; indexed once per list. */
export function findService(
  entries: readonly ServiceEntry[],
  name: string,
  protocol: string,
): ServiceEntry | undefined {
  let index = indexes.get(entries);
  if (!index) {
    index = new Map();
    for (const e of entries)
      for (const n of [e.name, ...e.aliases]) if (!index.has(`${n}/${e.protocol}`)) index.set(`${n}/${e.protocol}`, e);
    indexes.set(entries, index);
  }
  return index.get(`${name}/${lookupProtocol(protocol)}`);
}

/** A service field inetd takes as a port number (1–65535), as strtonum does. */
export function numericPort(service: string): number | undefined {
  if (!/^\d+$/.test(service)) return undefined;
  const port = Number(service);
  return port >= 1 && port <= 65535 ? port : undefined;
}
