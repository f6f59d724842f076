import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AGE_BAND_EDGES_MS,
  ageBand,
  bandMeaning,
  checkerLag,
  DAY_MS,
  formatDuration,
  HOUR_MS,
  nextScore,
  runIgnored,
  scoreAdjustment,
} from '../../../server/src/core/trace/checker';

// Debian's mirror checker (mirror-team/mirror/status, dmt/) at each edge of its rules:
// BasePageRenderer.agegroupclassfilter (strict `<`), RunScorer (`<=`), RunProcessor's lag.

describe('colour bands', () => {
  it('break at 6 h, 11 h, 16 h, 24 h, 48 h, 3 d, 4 d, 8 d, 14 d, 30 d', () => {
    assert.deepEqual(
      AGE_BAND_EDGES_MS.map((e) => e / HOUR_MS),
      [6, 11, 16, 24, 48, 72, 96, 192, 336, 720],
    );
  });
  it('an age equal to an edge is already in the next band', () => {
    AGE_BAND_EDGES_MS.forEach((edge, i) => {
      assert.equal(ageBand(edge - 1), i, `just under ${edge / HOUR_MS} h`);
      assert.equal(ageBand(edge), i + 1, `at ${edge / HOUR_MS} h`);
    });
    assert.equal(ageBand(0), 0);
    assert.equal(ageBand(365 * DAY_MS), 10);
  });
  it('mean what the checker says: OK 0–1, okish 2, warn 3–5, error 6+', () => {
    assert.deepEqual(
      Array.from({ length: 11 }, (_, i) => bandMeaning(i)),
      ['ok', 'ok', 'okish', 'warn', 'warn', 'warn', 'error', 'error', 'error', 'error', 'error'],
    );
  });
});

describe('score', () => {
  it('adjusts +5 / +1 / 0 / −5 / −30, each edge inclusive', () => {
    const cases: [number, number][] = [
      [0, 5],
      [4 * HOUR_MS, 5],
      [4 * HOUR_MS + 1, 1],
      [12 * HOUR_MS, 1],
      [12 * HOUR_MS + 1, 0],
      [24 * HOUR_MS, 0],
      [24 * HOUR_MS + 1, -5],
      [48 * HOUR_MS, -5],
      [48 * HOUR_MS + 1, -30],
    ];
    for (const [lag, adj] of cases) assert.equal(scoreAdjustment(lag), adj, `${lag / HOUR_MS} h`);
    assert.equal(scoreAdjustment(undefined), -30, 'an error');
  });
  it('weights by days since the previous check (300 s for the first) and clamps to ±100', () => {
    assert.equal(nextScore(undefined, 5), (5 * 300) / 86400);
    assert.equal(nextScore({ score: 10, ageMs: 6 * HOUR_MS }, -30), 10 - 7.5);
    assert.equal(nextScore({ score: 99, ageMs: DAY_MS }, 5), 100);
    assert.equal(nextScore({ score: -90, ageMs: DAY_MS }, -30), -100);
  });
  it('ignores a run where more than 70 % of the checks failed', () => {
    assert.equal(runIgnored(10, 7), false);
    assert.equal(runIgnored(10, 8), true);
    assert.equal(runIgnored(0, 0), false);
  });
});

describe('lag', () => {
  const v1 = Date.UTC(2026, 11, 6, 2);
  const v2 = Date.UTC(2026, 11, 6, 8);
  const lastSeen = new Map([
    [v1, Date.UTC(2026, 11, 6, 8, 10)],
    [v2, Date.UTC(2026, 11, 6, 14, 10)],
  ]);
  it('is 0 while ftp-master still shows the version, else the time since it last did', () => {
    assert.deepEqual(checkerLag(v2, lastSeen, Date.UTC(2026, 11, 6, 12)), { lagMs: 0 });
    assert.deepEqual(checkerLag(v1, lastSeen, Date.UTC(2026, 11, 6, 12, 10)), { lagMs: 4 * HOUR_MS });
  });
  it('is an error for a version ftp-master never showed', () => {
    assert.match((checkerLag(12345, lastSeen, v2) as { error: string }).error, /^unexpected mirror version/);
  });
});

it('formats durations for messages', () => {
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(3 * 60_000), '3 min');
  assert.equal(formatDuration(2 * HOUR_MS + 5 * 60_000), '2 h 5 min');
  assert.equal(formatDuration(3 * DAY_MS + 4 * HOUR_MS), '3 d 4 h');
});
