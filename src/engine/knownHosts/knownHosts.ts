import { randomBytes } from 'node:crypto';
import { statSync, type BigIntStats } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileReadError, readRegularFileSync } from '../../../server/src/node/files';
import {
  blobType,
  entryMatchesHost,
  fingerprint,
  hashHost,
  hostName,
  parseKnownHosts,
  type KnownHostEntry,
} from './parse';
import { appendUnderLock } from './write';
import { english, type Translate } from '../l10n';

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
  /** For `unknown`: known_hosts files that exist but could not be read. */
  unreadable?: string[];
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
  private fixed?: KnownHostEntry[];

  /**
   * `files` are read in order (missing ones skipped); `writeFile` is where accepted keys go. Nothing
   * is read here: every lookup judges the files as they are at that moment (see `fileEntries`).
   */
  constructor(
    readonly files: readonly string[],
    readonly writeFile: string | undefined = files[0],
  ) {}

  static fromText(text: string, file = 'known_hosts'): KnownHosts {
    const k = new KnownHosts([], undefined);
    k.fixed = parseKnownHosts(text, file);
    return k;
  }

  private current(): { entries: KnownHostEntry[]; problems: string[] } {
    if (this.fixed) return { entries: this.fixed, problems: [] };
    const states = this.files.map(fileEntries);
    return {
      entries: states.flatMap((s) => s.entries),
      problems: states.flatMap((s) => (s.problem ? [s.problem] : [])),
    };
  }

  /** Files that exist but could not be read (a FIFO, a directory, no permission): they trust nothing. */
  problems(): string[] {
    return this.current().problems;
  }

  /** Lines whose host field matches, as `ssh-keygen -F` finds them (any marker, any key type). */
  lookup(host: string, port = 22): KnownHostEntry[] {
    const lower = host.toLowerCase();
    return this.current().entries.filter((e) => entryMatchesHost(e, lower, port));
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
    const { entries, problems } = this.current();
    const lower = host.toLowerCase();
    const matches = entries.filter((e) => entryMatchesHost(e, lower, port));
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
    return {
      ...base,
      status: 'unknown',
      ...(ca ? { certAuthorityOnly: true } : {}),
      ...(problems.length ? { unreadable: problems } : {}),
    };
  }

  /**
   * Adds `host`'s key to the write file, hashed by default like `HashKnownHosts yes`, unless the file
   * has it already. Safe against parallel writers in this and other processes (see write.ts).
   * Resolves with the line.
   */
  async add(
    host: string,
    port: number,
    key: Buffer,
    options: { hashed?: boolean; file?: string; signal?: AbortSignal } = {},
  ): Promise<string> {
    const file = options.file ?? this.writeFile;
    if (!file) throw new Error('no known_hosts file to write to');
    if (!blobType(key)) throw new Error('not an ssh public key blob');
    const line = knownHostsLine(host, port, key, options.hashed ?? true);
    const lower = host.toLowerCase();
    await appendUnderLock(
      file,
      (text) =>
        parseKnownHosts(text, file).some((e) => !e.marker && e.key.equals(key) && entryMatchesHost(e, lower, port))
          ? undefined
          : `${line}\n`,
      options.signal ? { signal: options.signal } : {},
    );
    return line;
  }
}

interface FileState {
  signature: string;
  entries: KnownHostEntry[];
  problem?: string;
  /** Old enough that a later change must show in the signature (see fileEntries). */
  settled: boolean;
}

const NOTHING: FileState = { signature: '', entries: [], settled: true };
const cache = new Map<string, FileState>();
/** A change this close to a read may not have moved the file's timestamps yet (coarse clocks). */
const RACY_NS = 2_000_000_000n;

/**
 * A known_hosts file as it is now. One stat per call; the file is read again whenever its identity
 * (device, inode), size, mtime or ctime changed, including when it appears or disappears, so an
 * `ssh-keygen -R` or an edit is seen at the next check, in a CLI run or a window open for days.
 * A copy read within two seconds of the file's last change is not trusted to be final and is read
 * again next time, as git treats "racily clean" entries.
 */
function fileEntries(file: string): FileState {
  const absolute = path.resolve(file);
  let st: BigIntStats | undefined;
  try {
    st = statSync(absolute, { bigint: true, throwIfNoEntry: false });
  } catch (error) {
    cache.delete(absolute);
    return { ...NOTHING, problem: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` };
  }
  if (!st) {
    cache.delete(absolute);
    return NOTHING;
  }
  const signature = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  const cached = cache.get(absolute);
  if (cached?.settled && cached.signature === signature) return cached;
  const now = BigInt(Date.now()) * 1_000_000n;
  const changed = st.mtimeNs > st.ctimeNs ? st.mtimeNs : st.ctimeNs;
  let state: FileState;
  try {
    const text = readRegularFileSync(absolute).toString('utf8');
    state = { signature, entries: parseKnownHosts(text, file), settled: now - changed > RACY_NS };
  } catch (error) {
    const problem = error instanceof FileReadError ? error.message : `${file} cannot be read`;
    state = { signature, entries: [], problem, settled: now - changed > RACY_NS };
  }
  cache.set(absolute, state);
  return state;
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

/** The refusal text for a changed key: names both fingerprints, as ssh's warning does. */
export function describeVerdict(v: HostKeyVerdict, t: Translate = english): string {
  const who = hostName(v.host, v.port);
  const key = `${v.keyType} ${v.fingerprint}`;
  const where = `${v.entry?.file}:${v.entry?.line}`;
  switch (v.status) {
    case 'trusted':
      return t('{0}: host key {1} matches {2}', who, key, where);
    case 'revoked':
      return t('{0}: host key {1} is marked @revoked in {2}; refused', who, key, where);
    case 'changed':
      return t(
        'WARNING: the host key of {0} has changed; refused. It sent {1}, known_hosts has {2}. If the downstream really got a new key, check it out of band and remove the old line (ssh-keygen -R).',
        who,
        key,
        (v.known ?? []).map((k) => `${k.keyType} ${k.fingerprint} (${k.file}:${k.line})`).join(', '),
      );
    case 'unknown':
      return (
        t('{0}: unknown host key {1}; refused (not in known_hosts)', who, key) +
        (v.certAuthorityOnly
          ? t('; the host is covered by @cert-authority, but host certificates cannot be checked here')
          : '') +
        (v.unreadable?.length ? t('; not read: {0}', v.unreadable.join('; ')) : '')
      );
  }
}
