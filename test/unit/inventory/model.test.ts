import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findFiles, loadInventory, loadList, loadPushStatuses } from '../../../src/engine/inventory/load';
import { allDownstreams, buildModel, type DownstreamNode, type ListNode } from '../../../src/engine/inventory/model';

const HOME = path.resolve(__dirname, '../../fixtures/archvsync-home');
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

async function fixtureModel(extra: Partial<Parameters<typeof buildModel>[0]> = {}): Promise<ListNode[]> {
  const found = await findFiles(HOME);
  const lists = (await Promise.all(found.lists.map((f) => loadList(f, 'archvsync-home', '/home/nobody')))).filter((l) => l !== undefined);
  const inventories = (await Promise.all(found.inventories.map(loadInventory))).filter((i) => i !== undefined);
  const pushes = new Map();
  for (const list of lists) for (const [k, v] of await loadPushStatuses(list)) pushes.set(k, v);
  return buildModel({ lists, inventories, pushes, now: NOW, ...extra });
}

const shape = (roots: ListNode[]) => roots.map((l) => [l.label, l.children.map((g) => [g.label, g.children.map((c) => c.label)])]);

describe('Downstreams model on the fixture archvsync home', () => {
  it('finds etc/runmirrors.mirror and pushmirror.yaml, reading LOGDIR from runmirrors.conf', async () => {
    const found = await findFiles(HOME);
    assert.deepEqual(found.lists.map((f) => path.relative(HOME, f)), ['etc/runmirrors.mirror']);
    assert.deepEqual(found.inventories.map((f) => path.relative(HOME, f)), ['pushmirror.yaml']);
    const list = await loadList(found.lists[0], 'x', '/home/nobody');
    assert.equal(list?.settings.logDir, path.join(HOME, 'log'));
    assert.equal(list?.settings.pushDelay, 300);
  });

  it('groups by list and push type, with DELAY in file order and inventory-only downstreams apart', async () => {
    assert.deepEqual(shape(await fixtureModel()), [
      [
        'runmirrors.mirror',
        [
          ['all', ['One (Europe)', 'eu.two']],
          ['staged', ['DELAY 60', 'eu.three', 'eu.four']],
          ['mhop', ['DELAY 60', 'eu.hub']],
        ],
      ],
      ['pushmirror.yaml', [['all', ['Lab mirror (no runmirrors)']]]],
    ]);
  });

  it("shows host, user and status from runmirrors' logs", async () => {
    const nodes = allDownstreams(await fixtureModel());
    const byName = new Map(nodes.map((n) => [n.name, n]));
    const one = byName.get('eu.one')!;
    assert.equal(one.icon, 'ok');
    assert.equal(one.description, 'archvsync@one.example.org · pushed 1 h 48 min ago');
    assert.equal(byName.get('eu.two')!.icon, 'failed');
    assert.match(byName.get('eu.two')!.tooltip, /Connection refused/);
    assert.equal(byName.get('eu.three')!.host, 'three.example.org');
    assert.equal(byName.get('eu.four')!.description, 'archvsync@four.example.org · never pushed');
    assert.deepEqual(byName.get('eu.four')!.definition, { path: path.join(HOME, 'etc/runmirrors.mirror'), line: 7, start: byName.get('eu.four')!.definition.start, end: byName.get('eu.four')!.definition.end });
    assert.equal(byName.get('eu.lab')!.definition.line, 13);
    assert.equal(byName.get('eu.lab')!.user, 'archvsync', 'defaults apply');
  });

  it('adds trace freshness and our own signal results', async () => {
    const traceUrl = 'http://127.0.0.1:9/debian/project/trace/one.example.org';
    const roots = await fixtureModel({
      traces: new Map([[traceUrl, { info: { date: NOW - 20 * 3600_000, serial: '2026112201' } }]]),
      signals: new Map([['eu.two', { time: NOW - 60_000, result: 'ok', source: 'signal' }]]),
    });
    const byName = new Map(allDownstreams(roots).map((n): [string, DownstreamNode] => [n.name, n]));
    assert.equal(byName.get('eu.one')!.icon, 'stale');
    assert.match(byName.get('eu.one')!.description, /synced 20 h 0 min ago/);
    assert.equal(byName.get('eu.two')!.icon, 'ok', 'a newer signal of ours wins over the old failure');
  });

  it('is empty for an empty workspace', () => {
    assert.deepEqual(buildModel({ lists: [], now: NOW }), []);
  });
});
