import { isSpaceCode, sectionKey } from './model';

// How rsync 3.5.0 reads the values of typed parameters (rsync 3.5.0 loadparm.c and the checks in clientserver.c), as
// small pure functions the rules, hover and completion share.

/** Booleans as set_boolean() accepts them (compared ignoring case and whitespace). */
export const TRUE_WORDS = ['yes', 'true', '1'] as const;
export const FALSE_WORDS = ['no', 'false', '0'] as const;
export const UNSET_WORDS = ['unset', '-1'] as const;

/** true/false, 'unset' (bool3 only), or undefined when rsync logs "Badly formed boolean" and keeps the old value. */
export function parseBool(value: string, allowUnset: boolean): boolean | 'unset' | undefined {
  // One normalisation for all words: this runs for every boolean of a large file.
  const key = sectionKey(value);
  if ((TRUE_WORDS as readonly string[]).includes(key)) return true;
  if ((FALSE_WORDS as readonly string[]).includes(key)) return false;
  if (allowUnset && (UNSET_WORDS as readonly string[]).includes(key)) return 'unset';
  return undefined;
}

/** C atoi(): optional blanks and sign, then digits; anything else ends the number (0 when none). */
export function atoi(value: string): { number: number; digits: number; clean: boolean } {
  let i = 0;
  while (i < value.length && isSpaceCode(value.charCodeAt(i))) i++;
  let sign = 1;
  if (value[i] === '+' || value[i] === '-') sign = value[i++] === '-' ? -1 : 1;
  const from = i;
  let n = 0;
  while (i < value.length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57)
    n = Math.min(n * 10 + (value.charCodeAt(i++) - 48), 2 ** 31);
  const digits = i - from;
  return { number: digits ? sign * n : 0, digits, clean: digits > 0 && i === value.length };
}

export const FACILITIES = [
  'auth',
  'authpriv',
  'cron',
  'daemon',
  'ftp',
  'kern',
  'lpr',
  'mail',
  'news',
  'security',
  'syslog',
  'user',
  'uucp',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;

/** Socket options rsync knows (case-sensitive); `valued` ones take `=int`, IPTOS_* take none. */
export const SOCKET_OPTIONS: Readonly<Record<string, { valued: boolean; doc: string }>> = {
  SO_KEEPALIVE: { valued: true, doc: 'Send keep-alive probes (`=1` on, `=0` off; alone it means on).' },
  SO_REUSEADDR: { valued: true, doc: 'Allow rebinding the address quickly after a restart.' },
  SO_BROADCAST: { valued: true, doc: 'Allow broadcast datagrams (no effect on TCP).' },
  TCP_NODELAY: { valued: true, doc: "Disable Nagle's algorithm." },
  IPTOS_LOWDELAY: { valued: false, doc: 'Set the IP type of service to low delay. Takes no value.' },
  IPTOS_THROUGHPUT: { valued: false, doc: 'Set the IP type of service to throughput. Takes no value.' },
  SO_SNDBUF: { valued: true, doc: 'Send buffer size in bytes (`SO_SNDBUF=262144`).' },
  SO_RCVBUF: { valued: true, doc: 'Receive buffer size in bytes.' },
  SO_SNDLOWAT: { valued: true, doc: 'Send low-water mark.' },
  SO_RCVLOWAT: { valued: true, doc: 'Receive low-water mark.' },
  SO_SNDTIMEO: { valued: true, doc: 'Send timeout.' },
  SO_RCVTIMEO: { valued: true, doc: 'Receive timeout.' },
};

/** Password digests the Debian build of 3.5.0 knows, strongest first. */
export const AUTH_DIGESTS = ['sha512', 'sha256', 'sha1', 'md5', 'md4'] as const;

/** `log format` escape letters and what they print. */
export const LOG_ESCAPES: Readonly<Record<string, string>> = {
  a: 'remote IP address',
  b: 'bytes actually transferred',
  B: 'permission bits (rwxrwxrwx)',
  c: 'checksum bytes received (or total size when sending)',
  C: 'full-file checksum',
  f: 'file name (long form on sender)',
  G: 'gid (or DEFAULT)',
  h: 'remote host name',
  i: 'itemized list of changes',
  l: 'file length in bytes',
  L: 'the string " -> SYMLINK", " => HARDLINK" or ""',
  m: 'module name',
  M: 'last-modified time',
  n: 'file name (short form)',
  o: 'operation: send, recv or del.',
  p: 'process ID',
  P: 'module path',
  t: 'current date and time',
  u: 'authenticated user name',
  U: 'uid',
};

/** Long option names of rsync 3.5.0 (long_options in options.c) with their one-letter short names. */
const OPTION_TABLE =
  'help version V verbose v no-verbose no-v info debug stderr msgs2stderr no-msgs2stderr quiet q motd no-motd stats human-readable h no-human-readable no-h dry-run n archive a recursive r no-recursive no-r inc-recursive no-inc-recursive i-r no-i-r dirs d no-dirs no-d old-dirs old-d perms p no-perms no-p executability E acls A no-acls no-A xattrs X no-xattrs no-X times t no-times no-t atimes U no-atimes no-U open-noatime no-open-noatime crtimes N no-crtimes no-N omit-dir-times O no-omit-dir-times no-O omit-link-times J no-omit-link-times no-J modify-window @ super no-super fake-super owner o no-owner no-o group g no-group no-g no-D devices no-devices copy-devices write-devices no-write-devices specials no-specials drop-D no-drop-D confine-root links l no-links no-l copy-links L copy-unsafe-links safe-links insecure-links no-insecure-links munge-links no-munge-links copy-dirlinks k keep-dirlinks K hard-links H no-hard-links no-H relative R no-relative no-R implied-dirs no-implied-dirs i-d no-i-d chmod ignore-times I size-only one-file-system x no-one-file-system no-x update u existing ignore-non-existing ignore-existing max-size min-size max-alloc sparse S no-sparse no-S preallocate inplace no-inplace append append-verify no-append del delete delete-before delete-during delete-delay delete-after delete-excluded delete-missing-args ignore-missing-args remove-sent-files remove-source-files force no-force ignore-errors no-ignore-errors max-delete filter f exclude include exclude-from include-from cvs-exclude C whole-file W no-whole-file no-W checksum c no-checksum no-c checksum-choice cc block-size B compare-dest copy-dest link-dest fuzzy y no-fuzzy no-y compress z old-compress new-compress no-compress no-z compress-choice zc skip-compress compress-level zl compress-threads zt progress no-progress partial no-partial partial-dir delay-updates no-delay-updates prune-empty-dirs m no-prune-empty-dirs no-m log-file log-file-format out-format log-format itemize-changes i no-itemize-changes no-i bwlimit no-bwlimit backup b no-backup backup-dir suffix list-only read-batch write-batch only-write-batch files-from from0 no-from0 old-args no-old-args secluded-args s no-secluded-args protect-args no-protect-args no-s trust-sender numeric-ids no-numeric-ids usermap groupmap chown timeout no-timeout contimeout no-contimeout fsync stop-after time-limit stop-at rsh e rsync-path temp-dir T iconv no-iconv ipv4 4 ipv6 6 8-bit-output 8 no-8-bit-output no-8 mkpath no-mkpath qsort copy-as address port sockopts password-file early-input blocking-io no-blocking-io outbuf remote-option M protocol checksum-seed server sender config daemon dparam detach no-detach ';
export const LONG_OPTIONS: readonly string[] = [];
// The short-only options of long_options (`-D`, `-F`, `-P`) and `-0`, the short name of --from0.
export const SHORT_OPTIONS = new Set<string>(['D', 'F', 'P', '0']);
{
  const parts = OPTION_TABLE.trim().split(/\s+/);
  const longs = LONG_OPTIONS as string[];
  for (const part of parts) {
    if (part.length === 1 || part === '@') SHORT_OPTIONS.add(part);
    else longs.push(part);
  }
}
const LONG_SET = new Set(LONG_OPTIONS);

/** Whether one `refuse options` token names something rsync knows (wildcards always do). */
export function isKnownRefuseToken(token: string): boolean {
  const name = token.startsWith('!') ? token.slice(1) : token;
  if (name === 'a' || name === 'archive') return true;
  if (/[*?[]/.test(name)) {
    // rsync wildmatches the token against every long and short name; a wildcard matching none is "No match".
    let re: RegExp;
    try {
      re = new RegExp(
        `^${name
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
    } catch {
      return true;
    }
    return LONG_OPTIONS.some((o) => re.test(o)) || [...SHORT_OPTIONS].some((o) => re.test(o));
  }
  return LONG_SET.has(name) || (name.length === 1 && SHORT_OPTIONS.has(name));
}

/** rsync's %VAR% syntax: `%NAME%` is expanded only when NAME starts with an upper-case letter. */
export function percentVariables(value: string): { start: number; end: number; name: string; expands: boolean }[] {
  const found: { start: number; end: number; name: string; expands: boolean }[] = [];
  for (let i = value.indexOf('%'); i >= 0 && i < value.length; i = value.indexOf('%', i + 1)) {
    const close = value.indexOf('%', i + 1);
    if (close < 0) break;
    const name = value.slice(i + 1, close);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      found.push({ start: i, end: close + 1, name, expands: /^[A-Z]/.test(name) });
      i = close;
    }
  }
  return found;
}
