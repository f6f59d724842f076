import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allDownstreams, buildModel, type ListNode } from '../../../src/engine/inventory/model';
import { GROUPED, INVENTORY, inventory, L, LIST, LIST_TEXT, list, NOW, walk } from './model-support';

// The Downstreams model's node ids: unique in the whole tree, and stable across grouping and status updates.

describe('Downstreams model: node ids', () => {
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
});
