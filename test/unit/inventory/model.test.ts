import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { findFiles, loadInventory, loadList } from '../../../src/engine/inventory/load';
import { allDownstreams, buildModel, type DownstreamNode, type LoadedList } from '../../../src/engine/inventory/model';
import { fixtureModel, HOME, inventory, LIST, list, NOW, shape, walk } from './model-support';

// The Downstreams model built from the fixture archvsync home, and what a downstream's row says.
// Inventory groups: groups.test.ts; node ids: ids.test.ts; the view's menus: menus.test.ts.

describe('Downstreams model on the fixture archvsync home', () => {
  it('finds etc/runmirrors.mirror and pushmirror.yaml, reading LOGDIR from runmirrors.conf', async () => {
    const found = await findFiles(HOME);
    assert.deepEqual(
      found.lists.map((f) => path.relative(HOME, f)),
      ['etc/runmirrors.mirror'],
    );
    assert.deepEqual(
      found.inventories.map((f) => path.relative(HOME, f)),
      ['pushmirror.yaml'],
    );
    const list = await loadList(found.lists[0], 'x', '/home/nobody');
    assert.equal(list?.settings.logDir, path.join(HOME, 'log'));
    assert.equal(list?.settings.pushDelay, 300);
  });

  it('groups by list, inventory group and push type, with DELAY in file order and inventory-only downstreams apart', async () => {
    // eu.one has `group: Europe` in the fixture's pushmirror.yaml; the inventory-only list has no group.
    assert.deepEqual(shape(await fixtureModel()), [
      [
        'runmirrors.mirror',
        [
          ['Europe', [['all', ['One (Europe)']]]],
          [
            'Ungrouped',
            [
              ['all', ['eu.two']],
              ['staged', ['DELAY 60', 'eu.three', 'eu.four']],
              ['mhop', ['DELAY 60', 'eu.hub']],
            ],
          ],
        ],
      ],
      ['pushmirror.yaml', [['all', ['Lab mirror (no runmirrors)']]]],
    ]);
  });

  it('without the group the fixture tree is grouped by list and push type only, as before groups', async () => {
    const found = await findFiles(HOME);
    const inventories = (await Promise.all(found.inventories.map(loadInventory)))
      .filter((i) => i !== undefined)
      .map((i) => inventory(i.path, i.text.replace(/^ *group: Europe\n/m, '')));
    assert.deepEqual(shape(await fixtureModel({ inventories })), [
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
    assert.deepEqual(byName.get('eu.four')!.definition, {
      path: path.join(HOME, 'etc/runmirrors.mirror'),
      line: 7,
      start: byName.get('eu.four')!.definition.start,
      end: byName.get('eu.four')!.definition.end,
    });
    assert.equal(byName.get('eu.lab')!.definition.line, 13);
    assert.equal(byName.get('eu.lab')!.user, 'archvsync', 'defaults apply');
  });

  it('adds our own signal results', async () => {
    const roots = await fixtureModel({
      signals: new Map([['eu.two', { time: NOW - 60_000, result: 'ok', source: 'signal' }]]),
    });
    const byName = new Map(allDownstreams(roots).map((n): [string, DownstreamNode] => [n.name, n]));
    assert.equal(byName.get('eu.two')!.icon, 'ok', 'a newer signal of ours wins over the old failure');
  });

  it('is empty for an empty workspace', () => {
    assert.deepEqual(buildModel({ lists: [], now: NOW }), []);
  });
});

describe("Downstreams model: a downstream's tooltip", () => {
  it("a downstream's tooltip shows the archive runmirrors sends: PUSHARCHIVE, else NAME of runmirrors-NAME.mirror", () => {
    const tooltipOf = (l: LoadedList) => {
      const d = walk(buildModel({ lists: [l], inventories: [], now: NOW })).find((n) => n.kind === 'downstream');
      return d && 'tooltip' in d ? String(d.tooltip) : '';
    };
    assert.match(
      tooltipOf(list('/srv/etc/runmirrors-security.mirror', 'all a.one one.example.org archvsync\n')),
      /sync:archive:security/,
    );
    const conf = readRunmirrorsConf('PUSHARCHIVE=debian-ports\n', '/home/nobody');
    assert.match(
      tooltipOf({
        ...list('/srv/etc/runmirrors-security.mirror', 'all a.one one.example.org archvsync\n'),
        settings: conf,
      }),
      /sync:archive:debian-ports/,
    );
    assert.match(tooltipOf(list(LIST, 'all a.one one.example.org archvsync\n')), /' sync:archive: sync:all'/);
  });
});
