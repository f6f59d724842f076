import { compareArchitectures, parseArchConfig, parseArchList } from './architectures';
import { ageBand, formatDuration, HOUR_MS, scoreAdjustment } from './checker';
import { parseRfc2822 } from './dates';
import { DEBIAN_FTPSYNC_VERSION } from './fields';
import { fieldValue, type TraceFile } from './parser';

// One look at a downstream, judged the way Debian's mirror checker judges it (checker.ts), from what
// one look can see: its site trace, its Archive-Update-in-Progress / -Required markers, and this
// mirror's master trace. The checker learns a mirror's version from its history of checks; a single
// look compares the site trace's `Archive serial` with the master's instead, and when the mirror is
// behind, "the upstream stopped showing that version" is known only to have happened by the time the
// current master was published: the lag is then a lower bound, and says so.
// The checker only shows the markers' Last-Modified; calling them stale after `staleLockMs` is ours:
// by default UIPSLEEP × UIPRETRIES (1200 s × 3), after which ftpsync downstreams give up waiting.

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** Exit codes of the Nagios plugin convention. */
export const NAGIOS_CODE: Readonly<Record<NagiosState, number>> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

const RANK: Readonly<Record<NagiosState, number>> = { OK: 0, UNKNOWN: 1, WARNING: 2, CRITICAL: 3 };

/** The worse of states, as monitoring-plugins' max_state_alt orders them: CRITICAL > WARNING > UNKNOWN > OK. */
export function worseState(a: NagiosState, b: NagiosState): NagiosState {
  return RANK[b] > RANK[a] ? b : a;
}

export interface Thresholds {
  /** Lag (or, without a master trace, age) beyond which a downstream is WARNING. */
  warningMs: number;
  criticalMs: number;
  /** Age beyond which an Archive-Update-in-Progress or -Required marker is stale. */
  staleLockMs: number;
}

/** 12 h: the checker stops adding to the score; 24 h: it starts taking away. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  warningMs: 12 * HOUR_MS,
  criticalMs: 24 * HOUR_MS,
  staleLockMs: HOUR_MS,
};

export interface TraceReading {
  /** The text when it was read. */
  trace?: TraceFile;
  /** Why it could not be read (HTTP 404, timeout…). */
  error?: string;
}

export interface MarkerReading {
  present: boolean;
  /** Last-Modified, ms since the epoch. */
  modified?: number;
  error?: string;
}

export interface JudgeInput {
  now: number;
  site: TraceReading;
  /** This mirror's own master trace: what the downstream should have. Absent: age is judged instead of lag. */
  master?: TraceReading;
  inProgress?: MarkerReading;
  required?: MarkerReading;
  thresholds?: Partial<Thresholds>;
}

export interface Finding {
  state: NagiosState;
  code: string;
  message: string;
}

export interface Verdict {
  state: NagiosState;
  /** One line: what a monitoring system shows. */
  summary: string;
  /** The checker's own words for a failed check ("sitetrace unavailable", "Invalid tracefile"). */
  checkerError?: string;
  serial?: string;
  /** The site trace's first line. */
  traceTime?: number;
  ageMs?: number;
  ageBand?: number;
  lagMs?: number;
  lagBand?: number;
  /** The lag is at least lagMs (the mirror is behind; when exactly it fell behind is not visible in one look). */
  lagIsLowerBound?: boolean;
  /** The downstream has a newer master than this mirror. */
  ahead?: boolean;
  /** The checker's score adjustment for this check; undefined when lag could not be judged. */
  scoreAdjustment?: number;
  /** How long the downstream's last sync took (Date − Date-Started). */
  syncMs?: number;
  ftpsyncVersion?: string;
  upstreamMirror?: string;
  trigger?: string;
  findings: Finding[];
}

function serialNumber(serial: string | undefined): number | undefined {
  return serial && /^\d+$/.test(serial) ? Number(serial) : undefined;
}

/** Where the downstream stands against the master: 0 when current, else a lag (lower bound) or ahead. */
function lagAgainst(
  site: TraceFile,
  master: TraceFile,
  now: number,
): Pick<Verdict, 'lagMs' | 'lagIsLowerBound' | 'ahead'> {
  const mine = serialNumber(fieldValue(site, 'Archive serial'));
  const theirs = serialNumber(fieldValue(master, 'Archive serial'));
  const published = master.dateLine?.time;
  const behind = () => ({ lagMs: Math.max(0, now - (published ?? now)), lagIsLowerBound: true });
  if (mine !== undefined && theirs !== undefined) {
    if (mine === theirs) return { lagMs: 0 };
    return mine < theirs ? behind() : { lagMs: 0, ahead: true };
  }
  // No comparable serial (Ubuntu's date-only traces, `unknown`): a sync finished after the master was published is current.
  const finished = site.dateLine?.time;
  if (finished === undefined || published === undefined) return {};
  return finished >= published ? { lagMs: 0 } : behind();
}

function markerFindings(input: JudgeInput, staleMs: number, site: string): Finding[] {
  const out: Finding[] = [];
  const { inProgress: auip, required: aur, now } = input;
  for (const [name, m] of [
    ['Archive-Update-in-Progress', auip],
    ['Archive-Update-Required', aur],
  ] as const) {
    if (m?.error) out.push({ state: 'UNKNOWN', code: 'marker-unreadable', message: `${name}-${site}: ${m.error}` });
  }
  if (auip?.present) {
    const age = auip.modified !== undefined ? now - auip.modified : undefined;
    if (age !== undefined && age > staleMs)
      out.push({
        state: 'WARNING',
        code: 'stale-in-progress',
        message: `stale Archive-Update-in-Progress-${site} (${formatDuration(age)} old): a killed sync left its lock, or a sync is hanging; its own downstreams skip stage 2 while they see it`,
      });
    else
      out.push({
        state: 'OK',
        code: 'in-progress',
        message: `sync in progress${age !== undefined ? ` for ${formatDuration(age)}` : ''}`,
      });
  }
  if (aur?.present && !auip?.present) {
    const age = aur.modified !== undefined ? now - aur.modified : undefined;
    if (age !== undefined && age > staleMs)
      out.push({
        state: 'WARNING',
        code: 'stale-required',
        message: `Archive-Update-Required-${site} is ${formatDuration(age)} old and no sync is running: a push arrived that no sync picked up`,
      });
  }
  return out;
}

function versionFinding(version: string | undefined): Finding | undefined {
  if (!version)
    return { state: 'OK', code: 'ftpsync-version', message: 'no `Used ftpsync version`: the checker shows "unknown"' };
  const date = /^(\d{8})/.exec(version)?.[1];
  if (date && date < DEBIAN_FTPSYNC_VERSION.slice(0, 8))
    return {
      state: 'OK',
      code: 'ftpsync-version',
      message: `ftpsync ${version} is older than Debian 12's ${DEBIAN_FTPSYNC_VERSION}`,
    };
  return undefined;
}

/** The verdict on one downstream. Pure: everything it needs is in `input`. */
export function judgeDownstream(input: JudgeInput, siteName = 'SITE'): Verdict {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const { now } = input;
  const site = input.site.trace;
  if (!site || input.site.error) {
    const why = input.site.error ?? 'not read';
    return {
      state: 'CRITICAL',
      summary: `sitetrace unavailable: ${why}`,
      checkerError: 'sitetrace unavailable',
      scoreAdjustment: scoreAdjustment(undefined),
      findings: [],
    };
  }
  const findings: Finding[] = [];
  const serial = fieldValue(site, 'Archive serial');
  const traceTime = site.dateLine?.time;
  const started = parseRfc2822(fieldValue(site, 'Date-Started') ?? '');
  const ended = parseRfc2822(fieldValue(site, 'Date') ?? '') ?? traceTime;
  const base: Verdict = {
    state: 'OK',
    summary: '',
    findings,
    ...(serial ? { serial } : {}),
    ...(started !== undefined && ended !== undefined && ended >= started ? { syncMs: ended - started } : {}),
  };
  const version = fieldValue(site, 'Used ftpsync version');
  const upstream = fieldValue(site, 'Upstream-mirror');
  const trigger = fieldValue(site, 'Trigger');
  if (version) base.ftpsyncVersion = version;
  if (upstream) base.upstreamMirror = upstream;
  if (trigger) base.trigger = trigger;
  if (traceTime === undefined) {
    return {
      ...base,
      state: 'CRITICAL',
      summary: 'Invalid tracefile: the first line is not `date -u` output',
      checkerError: 'Invalid tracefile',
      scoreAdjustment: scoreAdjustment(undefined),
    };
  }
  base.traceTime = traceTime;
  base.ageMs = Math.max(0, now - traceTime);
  base.ageBand = ageBand(base.ageMs);

  const master = input.master?.trace;
  const masterUsable = master && !input.master?.error && master.dateLine?.time !== undefined;
  let measured: number;
  let what: string;
  if (masterUsable) {
    Object.assign(base, lagAgainst(site, master, now));
  }
  if (base.lagMs !== undefined) {
    base.lagBand = ageBand(base.lagMs);
    base.scoreAdjustment = scoreAdjustment(base.lagMs);
    measured = base.lagMs;
    what =
      base.lagMs === 0
        ? base.ahead
          ? 'ahead of this mirror'
          : 'current'
        : `${base.lagIsLowerBound ? 'at least ' : ''}${formatDuration(base.lagMs)} behind`;
  } else {
    if (input.master)
      findings.push({
        state: 'OK',
        code: 'lag-not-judged',
        message: input.master.error
          ? `this mirror's master trace: ${input.master.error}; age judged instead of lag`
          : "this mirror's master trace has no valid date line; age judged instead of lag",
      });
    measured = base.ageMs;
    what = `last update ${formatDuration(base.ageMs)} ago`;
  }
  let state: NagiosState = measured > t.criticalMs ? 'CRITICAL' : measured > t.warningMs ? 'WARNING' : 'OK';

  for (const f of markerFindings(input, t.staleLockMs, siteName)) findings.push(f);
  const config = fieldValue(site, 'Architectures-Configuration');
  const served = fieldValue(site, 'Architectures');
  if (config !== undefined)
    for (const p of compareArchitectures(
      parseArchConfig(config),
      served !== undefined ? parseArchList(served) : undefined,
    ))
      findings.push({ state: p.level === 'warning' ? 'WARNING' : 'OK', code: 'architectures', message: p.message });
  if (site.kind === 'site') {
    const v = versionFinding(version);
    if (v) findings.push(v);
  }
  if (trigger && trigger !== 'ssh')
    findings.push({
      state: 'OK',
      code: 'trigger',
      message: `the last sync was started by ${trigger}, not by a push`,
    });
  for (const f of findings) state = worseState(state, f.state);

  const parts = [what];
  if (serial) parts.push(`serial ${serial}`);
  if (base.lagMs !== undefined) parts.push(`last update ${formatDuration(base.ageMs)} ago`);
  if (base.syncMs !== undefined) parts.push(`took ${formatDuration(base.syncMs)}`);
  const notes = findings.filter((f) => f.state !== 'OK').map((f) => f.message);
  return { ...base, state, summary: [parts.join(', '), ...notes].join('; ') };
}
