import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { parseInventory } from '../../../src/engine/inventory/inventory';
import { findFiles, loadInventory, loadList, loadPushStatuses } from '../../../src/engine/inventory/load';
import { CONTEXT, downstreamContext } from '../../../src/downstreams/contextValues';
import {
  allDownstreams,
  buildModel,
  type DownstreamNode,
  type ListNode,
  type LoadedInventory,
  type LoadedList,
  type TreeNode,
} from '../../../src/engine/inventory/model';

const HOME = path.resolve(__dirname, '../../fixtures/archvsync-home');
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

const list = (file: string, text: string, folder = 'mirror'): LoadedList => ({
  path: file,
  folder,
  text,
  settings: readRunmirrorsConf(undefined, '/home/nobody'),
});
const inventory = (file: string, text: string): LoadedInventory => ({
  path: file,
  text,
  inventory: parseInventory(text),
});

async function fixtureModel(extra: Partial<Parameters<typeof buildModel>[0]> = {}): Promise<ListNode[]> {
  const found = await findFiles(HOME);
  const lists = (await Promise.all(found.lists.map((f) => loadList(f, 'archvsync-home', '/home/nobody')))).filter(
    (l) => l !== undefined,
  );
  const inventories = (await Promise.all(found.inventories.map(loadInventory))).filter((i) => i !== undefined);
  const pushes = new Map();
  for (const list of lists) for (const [k, v] of await loadPushStatuses(list)) pushes.set(k, v);
  return buildModel({ lists, inventories, pushes, now: NOW, ...extra });
}

type Shape = string | [string, Shape[]];
/** Labels, nested as the tree nests them: [label, children] for lists and groups, the label for rows. */
const shape = (nodes: readonly TreeNode[]): Shape[] =>
  nodes.map((n) => ('children' in n ? [n.label, shape(n.children)] : n.label));
/** Every node of the tree, depth first. */
const walk = (nodes: readonly TreeNode[]): TreeNode[] =>
  nodes.flatMap((n) => [n, ...('children' in n ? walk(n.children) : [])]);

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

// A list with every push type and two DELAYs (lines 1 and 4), so DELAY rows repeat across types and groups.
const LIST = '/srv/a/etc/runmirrors.mirror';
const LIST_TEXT = [
  'all a.one one.example.org archvsync',
  'DELAY 30',
  'staged s.one s1.example.org archvsync',
  'all a.two two.example.org archvsync',
  'DELAY 60 stage1',
  'mhop m.one m1.example.org archvsync',
  'staged s.two s2.example.org archvsync',
  '',
].join('\n');
const INVENTORY = '/srv/a/pushmirror.yaml';
const GROUPED = [
  'version: 1',
  'downstreams:',
  '  a.one: { group: Europe }',
  '  s.one: { group: Europe, displayName: S One }',
  '  m.one: { group: Asia }',
  '  a.two: { displayName: A Two }',
  '',
].join('\n');
const L = `list:${LIST}`;

/** Kind, id, label and description of every node: the whole visible tree. */
const rows = (nodes: readonly TreeNode[]) => walk(nodes).map((n) => [n.kind, n.id, n.label, n.description]);

describe('Downstreams model: inventory groups', () => {
  it('without any group the tree keeps its shape and ids: list → push type → downstreams and DELAYs', () => {
    const roots = buildModel({
      lists: [list(LIST, LIST_TEXT)],
      inventories: [
        inventory(
          INVENTORY,
          ['version: 1', 'defaults: { user: archvsync }', 'downstreams:', '  a.two: { displayName: A Two }', ''].join(
            '\n',
          ),
        ),
      ],
      now: NOW,
    });
    assert.deepEqual(rows(roots), [
      ['list', L, 'runmirrors.mirror', '5 downstreams'],
      ['group', `${L}#all`, 'all', '2 downstreams'],
      ['downstream', `${L}#a.one#0`, 'a.one', 'archvsync@one.example.org · never pushed'],
      ['delay', `${L}:1@all`, 'DELAY 30', 'pause 30 s'],
      ['downstream', `${L}#a.two#3`, 'A Two', 'archvsync@two.example.org · never pushed'],
      ['group', `${L}#staged`, 'staged', '2 downstreams'],
      ['delay', `${L}:1@staged`, 'DELAY 30', 'pause 30 s'],
      ['downstream', `${L}#s.one#2`, 's.one', 'archvsync@s1.example.org · never pushed'],
      ['delay', `${L}:4@staged`, 'DELAY 60 stage1', 'wait ≤ 60 s for stage1'],
      ['downstream', `${L}#s.two#6`, 's.two', 'archvsync@s2.example.org · never pushed'],
      ['group', `${L}#mhop`, 'mhop', '1 downstream'],
      ['delay', `${L}:1@mhop`, 'DELAY 30', 'pause 30 s'],
      ['delay', `${L}:4@mhop`, 'DELAY 60 stage1', 'wait ≤ 60 s for stage1'],
      ['downstream', `${L}#m.one#5`, 'm.one', 'archvsync@m1.example.org · never pushed'],
    ]);
    assert.ok(allDownstreams(roots).every((d) => d.group === undefined));
    // No inventory at all: the same tree.
    assert.deepEqual(
      shape(buildModel({ lists: [list(LIST, LIST_TEXT)], now: NOW })),
      shape(roots).map((l) => JSON.parse(JSON.stringify(l).replace('A Two', 'a.two'))),
    );
  });

  it('with groups: a level per group (sorted), then Ungrouped; push types and DELAYs inside each group', () => {
    const roots = buildModel({
      lists: [list(LIST, LIST_TEXT)],
      inventories: [inventory(INVENTORY, GROUPED)],
      now: NOW,
    });
    assert.deepEqual(shape(roots), [
      [
        'runmirrors.mirror',
        [
          ['Asia', [['mhop', ['DELAY 30', 'DELAY 60 stage1', 'm.one']]]],
          [
            'Europe',
            [
              ['all', ['a.one']],
              ['staged', ['DELAY 30', 'S One']],
            ],
          ],
          // s.two comes after both DELAYs in the file, and no downstream of its group and type did before.
          [
            'Ungrouped',
            [
              ['all', ['DELAY 30', 'A Two']],
              ['staged', ['DELAY 30', 'DELAY 60 stage1', 's.two']],
            ],
          ],
        ],
      ],
    ]);
    const [root] = roots;
    assert.equal(root.description, '5 downstreams');
    assert.deepEqual(
      root.children.map((g) => [g.kind, g.id, g.label, g.description]),
      [
        ['inventoryGroup', `${L}#group/Asia`, 'Asia', '1 downstream'],
        ['inventoryGroup', `${L}#group/Europe`, 'Europe', '2 downstreams'],
        ['inventoryGroup', `${L}#ungrouped/`, 'Ungrouped', '2 downstreams'],
      ],
    );
    const europe = root.children[1];
    assert.equal(europe.kind === 'inventoryGroup' && europe.group, 'Europe');
    assert.deepEqual(
      europe.children.map((t) => [t.kind, t.id, t.description]),
      [
        ['group', `${L}#group/Europe#all`, '1 downstream'],
        ['group', `${L}#group/Europe#staged`, '1 downstream'],
      ],
    );
    const byName = new Map(allDownstreams(roots).map((d) => [d.name, d]));
    assert.deepEqual(
      [...byName.values()].map((d) => [d.name, d.group]),
      [
        ['m.one', 'Asia'],
        ['a.one', 'Europe'],
        ['s.one', 'Europe'],
        ['a.two', undefined],
        ['s.two', undefined],
      ],
    );
  });

  it('repeats a DELAY in each group that pushes after it, with an id per group and push type', () => {
    const roots = buildModel({
      lists: [list(LIST, LIST_TEXT)],
      inventories: [inventory(INVENTORY, GROUPED)],
      now: NOW,
    });
    const delays = walk(roots).filter((n) => n.kind === 'delay');
    assert.deepEqual(
      delays.map((d) => d.id),
      [
        `${L}:1@group/Asia#mhop`,
        `${L}:4@group/Asia#mhop`,
        `${L}:1@group/Europe#staged`,
        `${L}:1@ungrouped/#all`,
        `${L}:1@ungrouped/#staged`,
        `${L}:4@ungrouped/#staged`,
      ],
    );
    // Every copy still reveals its own line.
    assert.deepEqual(
      delays.map((d) => d.kind === 'delay' && d.definition.line),
      [1, 4, 1, 1, 1, 4],
    );
  });

  it('keeps downstream ids whether or not the list is grouped, and keeps ids stable across a status update', () => {
    const flat = buildModel({ lists: [list(LIST, LIST_TEXT)], now: NOW });
    const grouped = buildModel({
      lists: [list(LIST, LIST_TEXT)],
      inventories: [inventory(INVENTORY, GROUPED)],
      now: NOW,
    });
    const ids = (roots: ListNode[]) => new Map(allDownstreams(roots).map((d) => [d.name, d.id]));
    assert.deepEqual(ids(grouped), ids(flat));
    // A signal result (recordSignal → render) rebuilds the model: same ids, the status reaches the
    // downstream and its group's tooltip, and the group's description stays the count.
    const after = buildModel({
      lists: [list(LIST, LIST_TEXT)],
      inventories: [inventory(INVENTORY, GROUPED)],
      signals: new Map([
        ['s.one', { time: NOW - 60_000, result: 'failed', detail: 'Connection refused', source: 'signal' }],
      ]),
      now: NOW,
    });
    assert.deepEqual(
      walk(after).map((n) => n.id),
      walk(grouped).map((n) => n.id),
    );
    const sOne = allDownstreams(after).find((d) => d.name === 's.one')!;
    assert.equal(sOne.icon, 'failed');
    const europe = after[0].children.find((g) => g.label === 'Europe')!;
    assert.equal(europe.kind, 'inventoryGroup');
    assert.equal(europe.description, '2 downstreams');
    assert.match(europe.kind === 'inventoryGroup' ? europe.tooltip : '', /2 downstreams: 1 push failed · 1 no status/);
  });

  it('has unique ids across lists, groups with awkward names, inventory-only downstreams and repeated DELAYs', () => {
    const awkward = [
      'version: 1',
      'downstreams:',
      '  a.one: { group: "a/b#c" }',
      '  s.one: { group: "a/b" }',
      '  m.one: { group: "all" }',
      '  a.two: { group: "North America" }',
      '  lab.x: { group: "a/b#c", host: lab.example.org, user: archvsync }',
      '  lab.y: { host: laby.example.org, user: archvsync, type: staged }',
      '',
    ].join('\n');
    const roots = buildModel({
      lists: [list(LIST, LIST_TEXT, 'a'), list('/srv/b/etc/runmirrors.mirror', LIST_TEXT, 'b')],
      inventories: [inventory(INVENTORY, awkward)],
      now: NOW,
    });
    const ids = walk(roots).map((n) => n.id);
    assert.equal(
      new Set(ids).size,
      ids.length,
      `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`,
    );
    assert.deepEqual(
      roots[0].children.map((g) => g.label),
      ['a/b', 'a/b#c', 'all', 'North America', 'Ungrouped'],
    );
    assert.equal(roots[0].children[1].id, `${L}#group/a%2Fb%23c`);
  });

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

  it('an inventory-only downstream named like a push type (`all`, `staged`, `mhop`, `none`) has its own id', () => {
    const inv = [
      'version: 1',
      'downstreams:',
      '  all: { host: a.example.org, user: archvsync }',
      '  staged: { host: s.example.org, user: archvsync, type: staged }',
      '  none: { host: n.example.org, user: archvsync }',
      '',
    ].join('\n');
    const roots = buildModel({ lists: [], inventories: [inventory(INVENTORY, inv)], now: NOW });
    const ids = walk(roots).map((n) => n.id);
    assert.equal(
      new Set(ids).size,
      ids.length,
      `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`,
    );
    assert.ok(ids.includes(`inventory:${INVENTORY}#all`), 'the push-type row keeps its id');
    assert.ok(ids.includes(`inventory:${INVENTORY}#all#2`), 'the downstream `all` is told apart by its (0-based) line');
  });

  it('groups each list on its own: the same group in two lists, a list without groups stays flat, inventory-only downstreams grouped', () => {
    const inv = [
      'version: 1',
      'defaults: { user: archvsync }',
      'downstreams:',
      '  a.one: { group: Europe }',
      '  b.one: { group: Europe }',
      '  lab.one: { host: lab1.example.org, group: Lab }',
      '  lab.two: { host: lab2.example.org, type: mhop }',
      '',
    ].join('\n');
    const roots = buildModel({
      lists: [
        list(LIST, 'all a.one one.example.org archvsync\nall a.two two.example.org archvsync\n', 'a'),
        list(
          '/srv/b/etc/runmirrors.mirror',
          'DELAY 10\nstaged b.one b1.example.org archvsync\nall b.two b2.example.org archvsync\n',
          'b',
        ),
        list('/srv/c/etc/runmirrors.mirror', 'all c.one c1.example.org archvsync\n', 'c'),
      ],
      inventories: [inventory(INVENTORY, inv)],
      now: NOW,
    });
    assert.deepEqual(shape(roots), [
      [
        'runmirrors.mirror',
        [
          ['Europe', [['all', ['a.one']]]],
          ['Ungrouped', [['all', ['a.two']]]],
        ],
      ],
      [
        'runmirrors.mirror',
        [
          ['Europe', [['staged', ['DELAY 10', 'b.one']]]],
          ['Ungrouped', [['all', ['DELAY 10', 'b.two']]]],
        ],
      ],
      ['runmirrors.mirror', [['all', ['c.one']]]],
      [
        'pushmirror.yaml',
        [
          ['Lab', [['all', ['lab.one']]]],
          ['Ungrouped', [['mhop', ['lab.two']]]],
        ],
      ],
    ]);
    assert.deepEqual(
      roots.map((r) => r.description),
      ['a · 2 downstreams', 'b · 2 downstreams', 'c · 1 downstream', '2 downstreams not in runmirrors lists'],
    );
    assert.notEqual(roots[0].children[0].id, roots[1].children[0].id);
    assert.equal(roots[2].children[0].id, 'list:/srv/c/etc/runmirrors.mirror#all');
    assert.equal(roots[3].children[0].id, `inventory:${INVENTORY}#group/Lab`);
    assert.deepEqual(
      allDownstreams(roots).map((d) => d.name),
      ['a.one', 'a.two', 'b.one', 'b.two', 'c.one', 'lab.one', 'lab.two'],
    );
  });

  it("takes the inventory's defaults.group for its entries, but not for list downstreams it does not name", () => {
    const inv = [
      'version: 1',
      'defaults: { group: Core }',
      'downstreams:',
      '  a.one: {}',
      '  s.one: { group: Edge }',
      '',
    ].join('\n');
    const roots = buildModel({ lists: [list(LIST, LIST_TEXT)], inventories: [inventory(INVENTORY, inv)], now: NOW });
    assert.deepEqual(shape(roots)[0], [
      'runmirrors.mirror',
      [
        ['Core', [['all', ['a.one']]]],
        ['Edge', [['staged', ['DELAY 30', 's.one']]]],
        [
          'Ungrouped',
          [
            ['all', ['DELAY 30', 'a.two']],
            ['staged', ['DELAY 30', 'DELAY 60 stage1', 's.two']],
            ['mhop', ['DELAY 30', 'DELAY 60 stage1', 'm.one']],
          ],
        ],
      ],
    ]);
  });
});

describe('Downstreams view menus', () => {
  // The tree gives each kind of node a contextValue from contextValues.ts; package.json's
  // view/item/context menus select on them.
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  const menus = pkg.contributes.menus['view/item/context'];
  const shows = (when: string, viewItem: string): boolean => {
    const re = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(when);
    if (re) return new RegExp(re[1]).test(viewItem);
    const eq = /viewItem == (\S+)/.exec(when);
    return eq ? eq[1] === viewItem : true;
  };

  it('gives inventory groups and push types no item actions', () => {
    for (const value of [CONTEXT.inventoryGroup, CONTEXT.pushType]) {
      assert.deepEqual(
        menus.filter((m) => shows(m.when ?? '', value)).map((m) => m.command),
        [],
        value,
      );
    }
  });

  it('offers revealing a list and a DELAY, and adding to a list, but no downstream actions there', () => {
    assert.deepEqual(
      menus.filter((m) => shows(m.when ?? '', CONTEXT.delay)).map((m) => m.command),
      ['pushMirror.revealDefinition'],
    );
    assert.deepEqual(
      [...new Set(menus.filter((m) => shows(m.when ?? '', CONTEXT.list)).map((m) => m.command))].sort(),
      ['pushMirror.addDownstream', 'pushMirror.revealDefinition'],
    );
  });

  it('still offers the downstream actions on downstreams', () => {
    const commands = new Set(
      menus
        .filter((m) => shows(m.when ?? '', downstreamContext({ hasRemoteLog: true, hasTrace: true })))
        .map((m) => m.command),
    );
    assert.deepEqual([...commands].sort(), [
      'pushMirror.checkHostKey',
      'pushMirror.copyAuthorizedKeysLine',
      'pushMirror.revealDefinition',
      'pushMirror.signalDownstream',
      'pushMirror.tailLog',
    ]);
  });
});
