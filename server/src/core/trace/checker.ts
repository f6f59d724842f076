// How Debian's mirror checker (salsa mirror-team/mirror/status, `dmt/`; public copies are identical
// in these parts) judges a mirror, as pure functions. Read from its code:
// - colour bands: BasePageRenderer.agegroupclassfilter, `age < 6 h` → age0 … `< 30 d` → age9, else age10;
// - score: RunScorer, +5 for lag ≤ 4 h, +1 ≤ 12 h, 0 ≤ 24 h, −5 ≤ 48 h, −30 older or any error,
//   weighted by days since the mirror's previous check (300 s for its first), clamped to ±100; a run
//   where more than 70 % of the checks failed adjusts nothing;
// - lag: RunProcessor, the master trace a mirror had when its site trace last changed is its version;
//   lag = check time − when ftp-master last showed that version (0 while it still does).

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Upper edges (exclusive) of the checker's colour bands age0 … age9; older is age10. */
export const AGE_BAND_EDGES_MS: readonly number[] = [
  6 * HOUR_MS,
  11 * HOUR_MS,
  16 * HOUR_MS,
  24 * HOUR_MS,
  48 * HOUR_MS,
  3 * DAY_MS,
  4 * DAY_MS,
  8 * DAY_MS,
  14 * DAY_MS,
  30 * DAY_MS,
];

/** The checker's own reading of its bands: OK (0–1), okish (2), warn (3–5), error (6 and older). */
export type BandMeaning = 'ok' | 'okish' | 'warn' | 'error';

/** The colour band (0–10) of an age or lag. */
export function ageBand(ms: number): number {
  const i = AGE_BAND_EDGES_MS.findIndex((edge) => ms < edge);
  return i < 0 ? AGE_BAND_EDGES_MS.length : i;
}

export function bandMeaning(band: number): BandMeaning {
  return band <= 1 ? 'ok' : band === 2 ? 'okish' : band <= 5 ? 'warn' : 'error';
}

/** RunScorer's adjustment for one check: `undefined` lag means the check ended in an error. */
export function scoreAdjustment(lagMs: number | undefined): number {
  if (lagMs === undefined) return -30;
  if (lagMs <= 4 * HOUR_MS) return 5;
  if (lagMs <= 12 * HOUR_MS) return 1;
  if (lagMs <= 24 * HOUR_MS) return 0;
  if (lagMs <= 48 * HOUR_MS) return -5;
  return -30;
}

/** More than this share of failed checks makes a run count for nothing. */
export const IGNORE_RUN_THRESHOLD = 0.7;

export function runIgnored(checks: number, errors: number): boolean {
  return checks > 0 && errors / checks > IGNORE_RUN_THRESHOLD;
}

/** The weight of a mirror's first check: as if the previous one were 300 s earlier. */
export const FIRST_CHECK_DELTA_MS = 300_000;

/** The score after one more check: the previous score plus the adjustment weighted by days since the last check, clamped. */
export function nextScore(previous: { score: number; ageMs: number } | undefined, adjustment: number): number {
  const weight = (previous ? previous.ageMs : FIRST_CHECK_DELTA_MS) / DAY_MS;
  const score = (previous?.score ?? 0) + adjustment * weight;
  return Math.max(-100, Math.min(100, score));
}

/**
 * RunProcessor's lag. `version` is the master trace time the mirror had when its site trace last
 * changed; `lastSeen` maps each master trace time to when ftp-master last showed it.
 */
export function checkerLag(
  version: number,
  lastSeen: ReadonlyMap<number, number>,
  checkTime: number,
): { lagMs: number } | { error: string } {
  const seen = lastSeen.get(version);
  if (seen === undefined) return { error: `unexpected mirror version: ${new Date(version).toISOString()}` };
  return { lagMs: seen > checkTime ? 0 : checkTime - seen };
}

/** "12 s", "3 min", "2 h 5 min", "3 d 4 h": for ages and lags in messages. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
