import { createHash, createHmac } from 'node:crypto';

// known_hosts as OpenSSH reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c):
//   [@marker] hostpatterns keytype base64-key [comment]
// Host fields are either a comma list of patterns (`*`, `?`, `!` negation, `[host]:port`) or one
// hashed entry `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. Lines we cannot read are skipped,
// as ssh does, so one broken line never hides the rest of the file.

export type Marker = 'revoked' | 'cert-authority';

export interface KnownHostEntry {
  /** 1-based line number in its file (what `ssh-keygen -F` prints). */
  line: number;
  file: string;
  marker?: Marker;
  /** The host field as written. */
  hosts: string;
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise (hostfile.c put_host_port). */
export function hostName(host: string, port = 22): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string, file = ''): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i].trim().split(/[ \t]+/);
    if (!words[0] || words[0].startsWith('#')) continue;
    let marker: Marker | undefined;
    if (words[0].startsWith('@')) {
      if (words[0] === '@revoked') marker = 'revoked';
      else if (words[0] === '@cert-authority') marker = 'cert-authority';
      else continue; // unknown marker: ssh skips the line
      words.shift();
    }
    const [hosts, keyType, base64] = words;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) continue;
    const key = Buffer.from(base64, 'base64');
    // The blob starts with its own type; a mismatch means a corrupt or pasted-wrong line.
    if (blobType(key) !== keyType) continue;
    let hashed: KnownHostEntry['hashed'];
    if (hosts.startsWith('|')) {
      const m = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(hosts);
      if (!m) continue;
      hashed = { salt: Buffer.from(m[1], 'base64'), hash: Buffer.from(m[2], 'base64') };
      if (hashed.salt.length !== 20 || hashed.hash.length !== 20) continue;
    }
    entries.push({
      line: i + 1,
      file,
      ...(marker ? { marker } : {}),
      hosts,
      ...(hashed ? { hashed } : {}),
      keyType,
      key,
    });
  }
  return entries;
}

/** The key type named inside an ssh public key blob (its first string), or undefined. */
export function blobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const n = blob.readUInt32BE(0);
  if (n === 0 || n > 64 || 4 + n > blob.length) return undefined;
  return blob.subarray(4, 4 + n).toString('latin1');
}

/** `SHA256:…` as `ssh-keygen -l` and ssh's prompts show it (unpadded base64). */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** OpenSSH match_pattern: `*` any run, `?` one character, nothing else special. */
export function matchPattern(name: string, pattern: string): boolean {
  let re = '';
  for (const c of pattern) re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 's').test(name);
}

/**
 * OpenSSH match_hostname over a comma list, case-insensitive: a matching `!pattern` vetoes the
 * whole line, otherwise any positive match matches.
 */
export function matchHostList(name: string, list: string): boolean {
  const lower = name.toLowerCase();
  let positive = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!pattern) continue;
    if (matchPattern(lower, pattern)) {
      if (negated) return false;
      positive = true;
    }
  }
  return positive;
}

export function hashHost(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

export function entryMatchesHost(entry: KnownHostEntry, host: string, port = 22): boolean {
  const name = hostName(host, port);
  if (entry.hashed) return hashHost(name, entry.hashed.salt).equals(entry.hashed.hash);
  return matchHostList(name, entry.hosts);
}
