// Names ftpsync's filters and Debian's archive use: architecture directories (dists/*/binary-ARCH,
// pool/**/*_ARCH.deb), suites and code names, ISO 3166-1 country codes, and the host names that are
// aliases rather than one mirror.

/** Every architecture Debian's archives (main, ports, archive.debian.org) have published, plus `source` and `all`. */
export const ARCHITECTURES: readonly string[] = [
  'alpha',
  'amd64',
  'arm',
  'arm64',
  'armel',
  'armhf',
  'avr32',
  'hppa',
  'hurd-amd64',
  'hurd-i386',
  'i386',
  'ia64',
  'kfreebsd-amd64',
  'kfreebsd-i386',
  'loong64',
  'm68k',
  'mips',
  'mips64el',
  'mipsel',
  'powerpc',
  'powerpcspe',
  'ppc64',
  'ppc64el',
  'riscv64',
  's390',
  's390x',
  'sh4',
  'sparc',
  'sparc64',
  'x32',
  'source',
  'all',
];

/** Names people write for an architecture that Debian spells differently. */
export const ARCHITECTURE_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  x86: 'i386',
  i686: 'i386',
  i586: 'i386',
  aarch64: 'arm64',
  armv7: 'armhf',
  armv7l: 'armhf',
  ppc64le: 'ppc64el',
  sh: 'sh4',
  src: 'source',
  sources: 'source',
};

/** Debian's release code names and suite names (a file or pattern naming one targets a suite). */
export const SUITES: readonly string[] = [
  'buzz',
  'rex',
  'bo',
  'hamm',
  'slink',
  'potato',
  'woody',
  'sarge',
  'etch',
  'lenny',
  'squeeze',
  'wheezy',
  'jessie',
  'stretch',
  'buster',
  'bullseye',
  'bookworm',
  'trixie',
  'forky',
  'duke',
  'sid',
  'experimental',
  'stable',
  'testing',
  'unstable',
  'oldstable',
  'oldoldstable',
];

const COUNTRIES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** ISO 3166-1 alpha-2 codes (the 249 officially assigned ones). */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.split(' '));

/**
 * Names that stand for several hosts or for a service rather than one mirror (judged by name, never
 * resolved): debian.org/mirror/ftpmirror asks push and pull mirrors to sync from one named host,
 * because an alias can answer from a different mirror (in a different state) on each run, and
 * ftpsync-cron fetches `RSYNC_HOST/RSYNC_PATH/project/trace/RSYNC_HOST`, which an alias does not have.
 */
export function aliasKind(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'ftp.debian.org') return 'an alias of the main archive for users, not a mirror to sync from';
  if (/^ftp\.[a-z]{2}\.debian\.org$/.test(h))
    return 'a country alias (ftp.CC.debian.org) that may point at another mirror any day';
  if (/^(http|ftp)[0-9]*\.[a-z]{2}\.debian\.org$/.test(h)) return undefined;
  if (h === 'deb.debian.org' || /^cdn-[a-z0-9-]+\.deb\.debian\.org$/.test(h))
    return 'the content delivery network for users, which offers no rsync';
  if (h === 'httpredir.debian.org' || h === 'http.debian.net')
    return 'the retired HTTP redirector, which offers no rsync';
  if (h === 'security.debian.org') return 'a round-robin name for users; security mirrors sync from a named host';
  return undefined;
}
