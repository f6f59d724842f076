import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { HOUR_MS } from '../../../server/src/core/trace/checker';
import { formatDateLine } from '../../../server/src/core/trace/dates';
import { judgeDownstream, worseState, type JudgeInput } from '../../../server/src/core/trace/freshness';
import { parseTrace, type TraceFile } from '../../../server/src/core/trace/parser';

// One look at a downstream, judged by the checker's rules: lag against this mirror's master trace,
// thresholds at their edges, the Archive-Update markers, architectures and the ftpsync version.

const NOW = Date.UTC(2026, 11, 6, 20, 0, 0);
const rfc = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

function site(o: { finished: number; serial?: string; started?: number; extra?: string[] }): TraceFile {
  return parseTrace(
    [
      formatDateLine(o.finished),
      `Date: ${rfc(o.finished)}`,
      ...(o.started !== undefined ? [`Date-Started: ${rfc(o.started)}`] : []),
      ...(o.serial ? [`Archive serial: ${o.serial}`] : []),
      'Used ftpsync version: 20180513+nmu1',
      'Trigger: ssh',
      'Architectures: amd64 source ',
      'Architectures-Configuration: ALL',
      'Upstream-mirror: hub.example.org',
      ...(o.extra ?? []),
      '',
    ].join('\n'),
  );
}

function master(serial: string, published: number): TraceFile {
  return parseTrace(
    [
      formatDateLine(published),
      'Using dak v1',
      'Running on host: ftp-master.example.org',
      `Archive serial: ${serial}`,
      '',
    ].join('\n'),
  );
}

const judge = (input: Partial<JudgeInput> & Pick<JudgeInput, 'site'>) =>
  judgeDownstream({ now: NOW, ...input }, 'mirror.example.org');

describe('lag against this mirror’s master trace', () => {
  it('is 0 for the same serial: OK, +5, summary with the sync time', () => {
    const v = judge({
      site: { trace: site({ finished: NOW - 600_000, started: NOW - 660_000, serial: '2026120602' }) },
      master: { trace: master('2026120602', NOW - HOUR_MS) },
    });
    assert.equal(v.state, 'OK');
    assert.equal(v.lagMs, 0);
    assert.equal(v.scoreAdjustment, 5);
    assert.equal(v.syncMs, 60_000);
    assert.equal(v.summary, 'current, serial 2026120602, last update 10 min ago, took 1 min');
  });
  it('behind: at least the time since this mirror’s master was published, WARNING past 12 h, CRITICAL past 24 h', () => {
    const at = (ago: number) =>
      judge({
        site: { trace: site({ finished: NOW - 30 * HOUR_MS, serial: '2026120501' }) },
        master: { trace: master('2026120602', NOW - ago) },
      });
    const edges: [number, string][] = [
      [12 * HOUR_MS, 'OK'],
      [12 * HOUR_MS + 1000, 'WARNING'],
      [24 * HOUR_MS, 'WARNING'],
      [24 * HOUR_MS + 1000, 'CRITICAL'],
    ];
    for (const [ago, state] of edges) assert.equal(at(ago).state, state, `${ago / HOUR_MS} h`);
    const v = at(13 * HOUR_MS);
    assert.equal(v.lagIsLowerBound, true);
    assert.equal(v.lagMs, 13 * HOUR_MS);
    assert.equal(v.lagBand, 2);
    assert.equal(v.scoreAdjustment, 0);
    assert.match(v.summary, /^at least 13 h behind, serial 2026120501, last update 30 h ago/);
  });
  it('ahead of this mirror is current', () => {
    const v = judge({
      site: { trace: site({ finished: NOW, serial: '2026120603' }) },
      master: { trace: master('2026120602', NOW - 30 * HOUR_MS) },
    });
    assert.equal(v.state, 'OK');
    assert.equal(v.ahead, true);
    assert.match(v.summary, /^ahead of this mirror/);
  });
  it('without a serial (date-only traces) compares the times', () => {
    const published = NOW - 20 * HOUR_MS;
    const after = parseTrace(`${formatDateLine(published + 1000)}\n`);
    const before = parseTrace(`${formatDateLine(published - 1000)}\n`);
    assert.equal(judge({ site: { trace: after }, master: { trace: master('1', published) } }).lagMs, 0);
    const v = judge({ site: { trace: before }, master: { trace: master('1', published) } });
    assert.equal(v.lagMs, 20 * HOUR_MS);
    assert.equal(v.state, 'WARNING');
  });
  it('thresholds are options', () => {
    const v = judge({
      site: { trace: site({ finished: NOW - HOUR_MS, serial: '1' }) },
      master: { trace: master('2', NOW - 2 * HOUR_MS) },
      thresholds: { warningMs: HOUR_MS, criticalMs: 90 * 60_000 },
    });
    assert.equal(v.state, 'CRITICAL');
  });
});

describe('without a usable master trace the age is judged', () => {
  it('no master: age against the same thresholds', () => {
    const v = judge({ site: { trace: site({ finished: NOW - 13 * HOUR_MS, serial: '1' }) } });
    assert.equal(v.lagMs, undefined);
    assert.equal(v.scoreAdjustment, undefined);
    assert.equal(v.state, 'WARNING');
    assert.match(v.summary, /^last update 13 h ago/);
  });
  it('an unreadable master is said', () => {
    const v = judge({ site: { trace: site({ finished: NOW, serial: '1' }) }, master: { error: 'HTTP 404' } });
    assert.equal(v.state, 'OK');
    assert.ok(v.findings.some((f) => f.code === 'lag-not-judged' && /HTTP 404/.test(f.message)));
  });
});

describe('the checker’s errors', () => {
  it('sitetrace unavailable: CRITICAL, −30', () => {
    const v = judge({ site: { error: 'HTTP 404' } });
    assert.equal(v.state, 'CRITICAL');
    assert.equal(v.checkerError, 'sitetrace unavailable');
    assert.equal(v.scoreAdjustment, -30);
    assert.equal(v.summary, 'sitetrace unavailable: HTTP 404');
  });
  it('Invalid tracefile: CRITICAL even when the fields are fine', () => {
    const v = judge({ site: { trace: parseTrace('Date: Sun, 06 Dec 2026 20:00:00 +0000\nArchive serial: 1\n') } });
    assert.equal(v.state, 'CRITICAL');
    assert.equal(v.checkerError, 'Invalid tracefile');
    assert.equal(v.serial, '1');
  });
});

describe('Archive-Update markers', () => {
  const fresh = { trace: site({ finished: NOW - 600_000, serial: '2' }) };
  const m = { trace: master('2', NOW - HOUR_MS) };
  it('a running sync is OK and said; a lock older than 1 h (UIPSLEEP × UIPRETRIES) is stale: WARNING', () => {
    const running = judge({ site: fresh, master: m, inProgress: { present: true, modified: NOW - HOUR_MS } });
    assert.equal(running.state, 'OK');
    assert.ok(running.findings.some((f) => f.code === 'in-progress' && /for 1 h/.test(f.message)));
    const stale = judge({ site: fresh, master: m, inProgress: { present: true, modified: NOW - HOUR_MS - 1000 } });
    assert.equal(stale.state, 'WARNING');
    assert.match(stale.summary, /stale Archive-Update-in-Progress-mirror\.example\.org \(1 h old\)/);
  });
  it('Archive-Update-Required with no sync running, older than the limit: WARNING', () => {
    const v = judge({ site: fresh, master: m, required: { present: true, modified: NOW - 2 * HOUR_MS } });
    assert.equal(v.state, 'WARNING');
    const running = judge({
      site: fresh,
      master: m,
      required: { present: true, modified: NOW - 2 * HOUR_MS },
      inProgress: { present: true, modified: NOW - 60_000 },
    });
    assert.equal(running.state, 'OK');
  });
  it('a marker that cannot be read makes an otherwise fine result UNKNOWN', () => {
    const v = judge({ site: fresh, master: m, inProgress: { present: false, error: 'HTTP 500' } });
    assert.equal(v.state, 'UNKNOWN');
  });
});

describe('architectures and the rest of the trace', () => {
  it('configured against served, as the checker’s C: and R:', () => {
    const t = site({
      finished: NOW,
      serial: '2',
      extra: ['Architectures: amd64 arm64 source', 'Architectures-Configuration: INCLUDE amd64 source'],
    });
    const v = judge({ site: { trace: t }, master: { trace: master('2', NOW) } });
    assert.equal(v.state, 'WARNING');
    assert.match(v.summary, /serves arm64 although configured to include only amd64, source/);
    const comma = site({
      finished: NOW,
      serial: '2',
      extra: ['Architectures: all', 'Architectures-Configuration: INCLUDE amd64,source'],
    });
    assert.match(judge({ site: { trace: comma } }).summary, /has commas \(amd64,source\)/);
  });
  it('the leaf written by the real ftpsync (cron-started, INCLUDE amd64 source) is fine, with a note', () => {
    const text = readFileSync(path.resolve(__dirname, '../../fixtures/trace/ftpsync/leaf/leaf.example.net'), 'utf8');
    const t = parseTrace(text);
    const v = judgeDownstream({ now: t.dateLine!.time! + 60_000, site: { trace: t } }, 'leaf.example.net');
    assert.equal(v.state, 'OK');
    assert.equal(v.upstreamMirror, 'hub.example.org');
    assert.equal(v.syncMs, 1000);
    assert.ok(v.findings.some((f) => f.code === 'trigger' && /cron/.test(f.message)));
  });
  it('an old ftpsync is noted, not alarmed', () => {
    const t = parseTrace(`${formatDateLine(NOW)}\nArchive serial: 2\nUsed ftpsync version: 20160306\n`);
    const v = judge({ site: { trace: t }, master: { trace: master('2', NOW) } });
    assert.equal(v.state, 'OK');
    assert.ok(v.findings.some((f) => f.code === 'ftpsync-version'));
  });
});

it('states combine as max_state_alt: CRITICAL > WARNING > UNKNOWN > OK', () => {
  assert.equal(worseState('OK', 'UNKNOWN'), 'UNKNOWN');
  assert.equal(worseState('UNKNOWN', 'WARNING'), 'WARNING');
  assert.equal(worseState('CRITICAL', 'WARNING'), 'CRITICAL');
});
