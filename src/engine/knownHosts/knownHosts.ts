import { randomBytes } from 'node:crypto';
import { promises as fsp, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  blobType,
  entryMatchesHost,
  fingerprint,
  hashHost,
  hostName,
  parseKnownHosts,
  type KnownHostEntry,
} from './parse';

// Host key verification for ssh2, which accepts any key unless told otherwise. The decision follows
// OpenSSH's check_host_key with StrictHostKeyChecking=yes: a revoked key is refused; a key listed for
// the host is trusted; a different key of a type listed for the host is a *changed* key and always
// refused; anything else is *unknown* and needs an explicit yes (a prompt, or --accept-new).

export type HostKeyStatus = 'trusted' | 'changed' | 'unknown' | 'revoked';

export interface HostKeyVerdict {
  status: HostKeyStatus;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** For `changed`: the fingerprints known_hosts has for this host and key type, with where they are. */
  known?: { fingerprint: string; keyType: string; file: string; line: number }[];
  /** The host is covered only by @cert-authority lines; ssh2 cannot check host certificates. */
  certAuthorityOnly?: boolean;
  /** The entry that matched (trusted/revoked). */
  entry?: { file: string; line: number };
}

/** Where OpenSSH looks by default: the user's files, then the system's. */
export function defaultKnownHostsFiles(home = os.homedir()): string[] {
  return [
    path.join(home, '.ssh', 'known_hosts'),
    path.join(home, '.ssh', 'known_hosts2'),
    '/etc/ssh/ssh_known_hosts',
    '/etc/ssh/ssh_known_hosts2',
  ];
}

export class KnownHosts {
  private entries: KnownHostEntry[] = [];

  /** `files` are read in order (missing ones skipped); `writeFile` is where accepted keys go. */
  constructor(
    readonly files: readonly string[],
    readonly writeFile: string | undefined = files[0],
  ) {
    this.reload();
  }

  static fromText(text: string, file = 'known_hosts'): KnownHosts {
    const k = new KnownHosts([], undefined);
    k.entries = parseKnownHosts(text, file);
    return k;
  }

  reload(): void {
    this.entries = this.files.flatMap((file) => {
      try {
        return parseKnownHosts(readFileSync(file, 'utf8'), file);
      } catch {
        return [];
      }
    });
  }

  /** Lines whose host field matches, as `ssh-keygen -F` finds them (any marker, any key type). */
  lookup(host: string, port = 22): KnownHostEntry[] {
    const lower = host.toLowerCase();
    return this.entries.filter((e) => entryMatchesHost(e, lower, port));
  }

  /** Key types known for the host, to prefer them in the key exchange as OpenSSH does. */
  knownKeyTypes(host: string, port = 22): string[] {
    return [
      ...new Set(
        this.lookup(host, port)
          .filter((e) => !e.marker)
          .map((e) => e.keyType),
      ),
    ];
  }

  verify(host: string, port: number, key: Buffer): HostKeyVerdict {
    const keyType = blobType(key) ?? 'unknown';
    const base = { host, port, keyType, fingerprint: fingerprint(key) };
    const matches = this.lookup(host, port);
    const revoked = matches.find((e) => e.marker === 'revoked' && e.key.equals(key));
    if (revoked) return { ...base, status: 'revoked', entry: { file: revoked.file, line: revoked.line } };
    const plain = matches.filter((e) => !e.marker);
    const same = plain.find((e) => e.key.equals(key));
    if (same) return { ...base, status: 'trusted', entry: { file: same.file, line: same.line } };
    // OpenSSH compares within one key type; ssh2 is told to prefer the known types (see
    // knownKeyTypes), so a server that offers only a different type is treated as changed too.
    const sameType = plain.filter((e) => e.keyType === keyType);
    const others = sameType.length ? sameType : plain;
    if (others.length) {
      return {
        ...base,
        status: 'changed',
        known: others.map((e) => ({ fingerprint: fingerprint(e.key), keyType: e.keyType, file: e.file, line: e.line })),
      };
    }
    const ca = matches.some((e) => e.marker === 'cert-authority');
    return { ...base, status: 'unknown', ...(ca ? { certAuthorityOnly: true } : {}) };
  }

  /**
   * Appends `host`'s key to the write file, hashed by default like `HashKnownHosts yes`. The file is
   * rewritten through a temp file and a rename, so a reader never sees half a line.
   */
  async add(
    host: string,
    port: number,
    key: Buffer,
    options: { hashed?: boolean; file?: string } = {},
  ): Promise<string> {
    const file = options.file ?? this.writeFile;
    if (!file) throw new Error('no known_hosts file to write to');
    const keyType = blobType(key);
    if (!keyType) throw new Error('not an ssh public key blob');
    const line = `${knownHostsLine(host, port, key, options.hashed ?? true)}\n`;
    await appendAtomically(file, line);
    // Trusted from now on in this run too; the line number is only informative here.
    this.entries.push(...parseKnownHosts(line, file));
    return line.trimEnd();
  }
}

/** One known_hosts line for host:port and key; hashed as `|1|salt|hash`. */
export function knownHostsLine(host: string, port: number, key: Buffer, hashed = true): string {
  const name = hostName(host.toLowerCase(), port);
  const field = hashed ? hashedField(name) : name;
  return `${field} ${blobType(key)} ${key.toString('base64')}`;
}

function hashedField(name: string, salt = randomBytes(20)): string {
  return `|1|${salt.toString('base64')}|${hashHost(name, salt).toString('base64')}`;
}

async function appendAtomically(file: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let current = '';
  let mode = 0o644;
  try {
    current = await fsp.readFile(file, 'utf8');
    mode = (await fsp.stat(file)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const sep = current && !current.endsWith('\n') ? '\n' : '';
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    await handle.writeFile(current + sep + text);
    await handle.sync();
    await handle.close();
    await fsp.rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** The refusal text for a changed key: names both fingerprints, as ssh's warning does. */
export function describeVerdict(v: HostKeyVerdict): string {
  const who = hostName(v.host, v.port);
  switch (v.status) {
    case 'trusted':
      return `${who}: host key ${v.keyType} ${v.fingerprint} matches ${v.entry?.file}:${v.entry?.line}`;
    case 'revoked':
      return `${who}: host key ${v.keyType} ${v.fingerprint} is marked @revoked in ${v.entry?.file}:${v.entry?.line}; refused`;
    case 'changed':
      return (
        `WARNING: the host key of ${who} has changed; refused. It sent ${v.keyType} ${v.fingerprint}, ` +
        `known_hosts has ${(v.known ?? []).map((k) => `${k.keyType} ${k.fingerprint} (${k.file}:${k.line})`).join(', ')}. ` +
        'If the downstream really got a new key, check it out of band and remove the old line (ssh-keygen -R).'
      );
    case 'unknown':
      return (
        `${who}: unknown host key ${v.keyType} ${v.fingerprint}; refused (not in known_hosts)` +
        (v.certAuthorityOnly
          ? '; the host is covered by @cert-authority, but host certificates cannot be checked here'
          : '')
      );
  }
}
