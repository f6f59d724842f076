import type { NetworkInterfaceInfo } from 'node:os';
import { formatTriggerLine } from '../../../server/src/core/authkeys/trigger';

// What the downstream admin pastes into authorized_keys. The line itself is formatted by the
// authorized_keys core (formatTriggerLine: `restrict,command="…",from="…" type key comment`), so
// the wizard, the quick fix and the validator agree on one syntax.

export interface CommandChoice {
  command: string;
  label: string;
  detail: string;
}

/** The forced commands downstream mirrors run (runmirrors(1) and the seed: `ftpsync`, `ftpsync sync:all`, …). */
export const COMMAND_CHOICES: readonly CommandChoice[] = [
  {
    command: '~/bin/ftpsync',
    label: '~/bin/ftpsync',
    detail: "ftpsync from the archvsync tarball in the mirror user's home (ftpsync README)",
  },
  { command: '/usr/bin/ftpsync', label: '/usr/bin/ftpsync', detail: "Debian's ftpsync package" },
  {
    command: '~/websync &',
    label: '~/websync &',
    detail: 'the classic push_server page: start the sync in the background and return',
  },
];

export function validateCommand(command: string): string | undefined {
  if (!command.trim()) return 'the forced command must not be empty: an empty command= lets the key run nothing useful';
  if (/[\r\n]/.test(command)) return 'the command must be a single line';
  if (command.endsWith('\\')) return 'authorized_keys cannot hold a value ending in a backslash';
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/([12]?\d|3[0-2]))?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;
const HOST_PATTERN = /^!?[A-Za-z0-9*?._:-]+$/;

/**
 * Checks a `from=` list the way sshd would reject it (OpenSSH 9.2 match_host_and_ip / addr_match_cidr_list): no empty
 * element, and CIDR entries with host bits set ("127.0.0.1/8") refuse the key. Empty input means "no from=".
 */
export function validateFrom(list: string): string | undefined {
  if (!list.trim()) return undefined;
  if (/\s/.test(list)) return 'separate addresses with commas only (sshd reads no spaces in from=)';
  for (const item of list.split(',')) {
    if (!item) return 'an empty element (",,", or a leading/trailing comma) makes sshd refuse the key';
    const bare = item.replace(/^!/, '');
    if (bare.includes('/')) {
      if (!IPV4.test(bare) && !IPV6.test(bare)) return `\`${item}\` is not an address/prefix`;
      if (IPV4.test(bare) && hostBitsSetV4(bare))
        return `\`${item}\` has host bits set; sshd refuses the key (use the network address)`;
    } else if (!HOST_PATTERN.test(bare)) {
      return `\`${item}\` is not an address, host name or pattern`;
    }
  }
  return undefined;
}

function hostBitsSetV4(cidr: string): boolean {
  const [addr, len] = cidr.split('/');
  const value = addr.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const hostBits = 32 - Number(len);
  return hostBits > 0 && value % 2 ** hostBits !== 0;
}

/**
 * This machine's addresses, to offer for `from=` (the downstream sees the upstream's own address;
 * list IPv4 **and** IPv6, the usual mistake is only one). Loopback and link-local addresses are
 * left out: a downstream never sees them. Scope suffixes would not match in from= anyway.
 */
export function machineAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): { address: string; family: 'IPv4' | 'IPv6'; iface: string }[] {
  const seen = new Set<string>();
  const out: { address: string; family: 'IPv4' | 'IPv6'; iface: string }[] = [];
  for (const [iface, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal || seen.has(info.address)) continue;
      if (info.family === 'IPv6' && /^fe[89ab]/i.test(info.address)) continue;
      seen.add(info.address);
      out.push({ address: info.address, family: info.family, iface });
    }
  }
  // IPv4 first, then IPv6: the order admins write them in.
  return out.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

/** The downstream's authorized_keys line for a generated key. */
export function triggerLine(publicLine: string, command: string, from?: string): string {
  return formatTriggerLine({ command, keyLine: publicLine, ...(from ? { from } : {}) });
}
