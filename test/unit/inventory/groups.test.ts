import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDownstreams, buildModel, type TreeNode } from '../../../src/engine/inventory/model';
import { GROUPED, INVENTORY, inventory, L, LIST, LIST_TEXT, list, NOW, shape, walk } from './model-support';

// The Downstreams model's levels: a list's inventory groups, with the push types and DELAYs inside each.

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
