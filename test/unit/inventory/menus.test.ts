import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CONTEXT, downstreamContext } from '../../../src/downstreams/contextValues';

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
