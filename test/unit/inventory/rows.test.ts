import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { judgeDownstream } from '../../../server/src/core/trace/freshness';
import { parseTrace } from '../../../server/src/core/trace/parser';
import { mdText } from '../../../src/downstreams/markdown';
import { downstreamRow, freshnessWords, propagationWords, supersededBy } from '../../../src/downstreams/rows';
import { parseInventory } from '../../../src/engine/inventory/inventory';
import { allDownstreams, buildModel, type DownstreamNode } from '../../../src/engine/inventory/model';
import type { PushStatus } from '../../../src/engine/inventory/status';
import type { PropagationUpdate } from '../../../src/engine/traces/watch';

// The Downstreams row on top of the model: freshness as the mirror checker judges it (a Verdict from
// the real judge over real trace texts) and a watched push (signalled → syncing → synced in N s).

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const H = 3_600_000;

const dateLine = (ms: number) => {
  const d = new Date(ms);
  const [day, , , , time] = d.toUTCString().split(' ');
  const month = d.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return `${day!.replace(',', '')} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
};
const siteTrace = (serial: string, at: number, extra: string[] = []) =>
  [
    dateLine(at),
    `Date: ${new Date(at).toUTCString().replace('GMT', '+0000')}`,
    `Date-Started: ${new Date(at - 60_000).toUTCString().replace('GMT', '+0000')}`,
    `Archive serial: ${serial}`,
    'Used ftpsync version: 20180513+nmu1',
    'Architectures: amd64 source',
    'Architectures-Configuration: INCLUDE amd64 source',
    'Upstream-mirror: hub.example.org',
    ...extra,
    '',
  ].join('\n');
const master = (serial: string, at: number) =>
  [dateLine(at), 'Using dak v1', `Archive serial: ${serial}`, ''].join('\n');

function node(pushes?: Map<string, PushStatus>): DownstreamNode {
  const roots = buildModel({
    lists: [
      {
        path: '/m/etc/runmirrors.mirror',
        folder: 'm',
        text: 'all eu.one one.example.org archvsync\n',
        settings: readRunmirrorsConf(undefined, '/home/nobody'),
      },
    ],
    inventories: [
      {
        path: '/m/pushmirror.yaml',
        text: '',
        inventory: parseInventory(
          'version: 1\ndownstreams:\n  eu.one:\n    traceUrl: http://192.0.2.1/debian/project/trace/one.example.org\n',
        ),
      },
    ],
    ...(pushes ? { pushes } : {}),
    now: NOW,
  });
  return allDownstreams(roots)[0]!;
}

const update = (state: PropagationUpdate['state'], extra: Partial<PropagationUpdate> = {}): PropagationUpdate => ({
  name: 'eu.one',
  state,
  at: NOW,
  signalledAt: NOW - 5000,
  source: 'http://192.0.2.1/debian/project/trace/one.example.org',
  ...extra,
});

describe('Downstreams row: freshness as the mirror checker judges it', () => {
  it('is current when the serial matches the master trace; the tooltip has the band and the version', () => {
    const verdict = judgeDownstream({
      now: NOW,
      site: { trace: parseTrace(siteTrace('2026120601', NOW - 2 * H)) },
      master: { trace: parseTrace(master('2026120601', NOW - 3 * H), 'master') },
    });
    const row = downstreamRow({ node: node(), verdict });
    assert.equal(row.description, 'archvsync@one.example.org · never pushed · current');
    assert.equal(row.icon, 'ok');
    assert.match(row.tooltip, /\*\*Freshness\*\* \(as Debian's mirror checker judges it\)/);
    assert.match(row.tooltip, /lag 0 s \(band age0: ok\)/);
    assert.match(row.tooltip, /ftpsync 20180513\\\+nmu1/);
    assert.match(row.tooltip, /Upstream-mirror hub\\\.example\\\.org/);
  });

  it('says how far behind, as a lower bound, and colours by the checker bands', () => {
    const verdict = judgeDownstream({
      now: NOW,
      site: { trace: parseTrace(siteTrace('2026120401', NOW - 50 * H)) },
      master: { trace: parseTrace(master('2026120601', NOW - 20 * H), 'master') },
    });
    assert.equal(freshnessWords(verdict), '≥ 20 h behind');
    const row = downstreamRow({ node: node(), verdict });
    assert.equal(row.icon, 'warn', 'band age3 (16–24 h) and WARNING past 12 h');
    const old = judgeDownstream({
      now: NOW,
      site: { trace: parseTrace(siteTrace('2026110101', NOW - 40 * 24 * H)) },
    });
    assert.equal(freshnessWords(old), 'updated 40 d ago');
    assert.equal(downstreamRow({ node: node(), verdict: old }).icon, 'error');
  });

  it('shows a stale Archive-Update-in-Progress and an unavailable trace', () => {
    const verdict = judgeDownstream(
      {
        now: NOW,
        site: { trace: parseTrace(siteTrace('2026120601', NOW - H)) },
        inProgress: { present: true, modified: NOW - 5 * H },
      },
      'one.example.org',
    );
    const row = downstreamRow({ node: node(), verdict });
    assert.equal(row.icon, 'warn');
    assert.match(
      row.tooltip,
      /WARNING: stale Archive\\-Update\\-in\\-Progress\\-one\\\.example\\\.org \\\(5 h old\\\)/,
    );
    const gone = judgeDownstream({ now: NOW, site: { error: 'HTTP 404' } });
    const r2 = downstreamRow({ node: node(), verdict: gone });
    assert.equal(r2.description, 'archvsync@one.example.org · never pushed · trace unavailable');
    assert.equal(r2.icon, 'error');
  });

  it("escapes what a downstream's trace says, so it cannot add a link to the tooltip", () => {
    const verdict = judgeDownstream({
      now: NOW,
      site: { trace: parseTrace(siteTrace('1', NOW, []).replace('hub.example.org', '[x](http://192.0.2.9/)')) },
    });
    const row = downstreamRow({ node: node(), verdict });
    assert.doesNotMatch(row.tooltip, /\[x\]\(http/);
    assert.match(row.tooltip, /\\\[x\\\]\\\(http:\/\/192\\\.0\\\.2\\\.9\/\\\)/);
    assert.equal(mdText('a\u001b[31mb'), 'a\u241b\\[31mb');
  });
});

describe('Downstreams row: a watched push', () => {
  it('shows signalled → syncing by icon and tooltip, then reads synced in N s', () => {
    const n = node();
    const seen = (['signalled', 'syncing'] as const).map((s) =>
      downstreamRow({
        node: n,
        propagation: update(s, s === 'syncing' ? { detail: 'Archive-Update-in-Progress appeared' } : {}),
      }),
    );
    assert.deepEqual(
      seen.map((r) => [r.description, r.icon]),
      [
        ['archvsync@one.example.org · never pushed', 'sent'],
        ['archvsync@one.example.org · never pushed', 'syncing'],
      ],
      'while in flight the words are what a reload would show',
    );
    assert.match(
      seen[1]!.tooltip,
      /\*\*Last push from here\*\*: syncing \\\(Archive\\-Update\\-in\\-Progress appeared\\\)/,
    );
    const done = downstreamRow({
      node: n,
      propagation: update('done', { propagationMs: 12_400, serial: '2026120602', syncMs: 9000, reportedMs: 11_000 }),
    });
    assert.equal(done.description, 'archvsync@one.example.org · never pushed · synced in 12 s');
    assert.equal(done.icon, 'ok');
    assert.match(
      done.tooltip,
      /\*\*Last push from here\*\*: propagated in 12\\\.4 s \\\(serial 2026120602, its sync took 9 s\\\)/,
    );
  });

  it('reads "never synced" with every likely cause in the tooltip', () => {
    const row = downstreamRow({
      node: node(),
      propagation: update('never-synced', {
        causes: ['no Archive-Update-in-Progress appeared within 900 s', 'its forced command may not run ftpsync'],
      }),
    });
    assert.equal(row.description, 'archvsync@one.example.org · never pushed · never synced');
    assert.equal(row.icon, 'failed');
    assert.match(
      row.tooltip,
      /signalled, never synced; the likely causes, most likely first:\n\n- no Archive\\-Update\\-in\\-Progress appeared within 900 s\n- its forced command/,
    );
  });

  it('leaves the row as it was while the baseline is read and when nothing can be watched', () => {
    const n = node();
    for (const state of ['waiting', 'unwatched'] as const) {
      const row = downstreamRow({ node: n, propagation: update(state) });
      assert.equal(row.description, n.description, state);
      assert.equal(row.icon, n.icon, state);
    }
    assert.equal(propagationWords(update('not-signalled')), undefined, 'the push status says "push failed"');
  });

  it('is replaced once a later push is logged, not by its own log entry', () => {
    const u = update('done', { propagationMs: 3000, signalledAt: NOW - 60_000 + 400 });
    const key = '/m/etc/runmirrors.mirror#eu.one';
    const cron = node(new Map([[key, { time: NOW, result: 'ok', source: 'runmirrors' }]]));
    assert.equal(supersededBy(cron, u), true);
    assert.doesNotMatch(downstreamRow({ node: cron, propagation: u }).description, /synced in/);
    const nextOfOurs = node(new Map([[key, { time: NOW, result: 'failed', source: 'signal' }]]));
    assert.equal(supersededBy(nextOfOurs, u), true);
    // Its own entry: the `date -u` second in which it was sent.
    const itself = node(new Map([[key, { time: NOW - 60_000, result: 'ok', source: 'signal' }]]));
    assert.equal(supersededBy(itself, u), false);
    assert.match(downstreamRow({ node: itself, propagation: u }).description, /synced in 3 s/);
  });
});
