// The two date forms of trace files, read the way their readers read them.
//
// First line (`date -u` in the POSIX locale, written by ftpsync, dak and Ubuntu's mirror scripts):
// Debian's mirror checker (dmt/checks.py) accepts it only through Python's
// `strptime(first, '%a %b %d %H:%M:%S UTC %Y')` or the same with `GMT`. strptime matches abbreviated
// names of days and months ignoring case (`%a`/`%b`, not the full names), turns each space of the format into
// `\s+`, takes `%d` as 1–2 digits or a space and a digit, and refuses anything left over (a `\r`) and
// times datetime cannot hold (second 60, 31 February).
//
// `Date:` / `Date-Started:` fields: RFC 2822 as `date -u -R` prints it.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Python's _strptime patterns for %a %b (abbreviated names only) %d %H %M %S %Y.
const DATE_LINE = new RegExp(
  `^(${DAYS.join('|')})\\s+(${MONTHS.join('|')})\\s+(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])\\s+` +
    `(2[0-3]|[01]\\d|\\d):([0-5]\\d|\\d):(6[01]|[0-5]\\d|\\d)\\s+(UTC|GMT)\\s+(\\d{4})$`,
  'i',
);

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.toLowerCase().slice(0, 3));
}

/** A valid calendar time (strptime's datetime refuses 31 February and second 60), as ms since the epoch, UTC. */
function utc(year: number, month: number, day: number, h: number, m: number, s: number): number | undefined {
  if (s > 59) return undefined;
  const t = Date.UTC(year, month, day, h, m, s);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return undefined;
  return t;
}

/** The first line of a trace as the mirror checker reads it; undefined when the checker would call the file invalid. */
export function parseDateLine(line: string): number | undefined {
  const m = DATE_LINE.exec(line);
  if (!m) return undefined;
  return utc(Number(m[8]), monthIndex(m[2]!), Number(m[3]!.trim()), Number(m[4]), Number(m[5]), Number(m[6]));
}

const RFC2822 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|UT|GMT|Z)$/i;

/** `Date:` values (`date -u -R`); undefined when it is not RFC 2822. */
export function parseRfc2822(value: string): number | undefined {
  const m = RFC2822.exec(value.trim());
  if (!m) return undefined;
  const t = utc(Number(m[4]), monthIndex(m[3]!), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
  if (t === undefined || Number(m[5]) > 23 || Number(m[6]) > 59) return undefined;
  const zone = m[8]!.toUpperCase();
  if (zone === 'UT' || zone === 'GMT' || zone === 'Z') return t;
  const sign = zone.startsWith('-') ? -1 : 1;
  return t - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
}

/** `date -u` output for a time: what ftpsync writes as the first line. */
export function formatDateLine(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = MONTHS[d.getUTCMonth()]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${day} ${month[0]!.toUpperCase()}${month.slice(1)} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}
