import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SETTINGS } from '../../../server/src/core/settings';
import { manySignalsQuestion, nameList } from '../../../src/downstreams/wording';

const CONFIRM_MANY_SIGNALS = SETTINGS.signalConfirmMany.key;

describe('signal confirmation wording', () => {
  it('lists up to ten names, then says how many more', () => {
    assert.equal(nameList([]), '');
    assert.equal(nameList(['eu.one']), 'eu.one');
    assert.equal(nameList(['a', 'b', 'c']), 'a, b and c');
    const twelve = Array.from({ length: 12 }, (_, i) => `m${i + 1}`);
    assert.equal(nameList(twelve), 'm1, m2, m3, m4, m5, m6, m7, m8, m9, m10 and 2 more');
    assert.equal(nameList(twelve.slice(0, 10)), 'm1, m2, m3, m4, m5, m6, m7, m8, m9 and m10');
  });

  it('asks with the count, the list and the names, and names the setting', () => {
    const q = manySignalsQuestion({
      action: 'all',
      list: 'runmirrors.mirror',
      names: ['eu.one', 'eu.two', 'eu.three'],
      setting: CONFIRM_MANY_SIGNALS,
    });
    assert.equal(q.message, 'Signal 3 downstreams of runmirrors.mirror?');
    assert.match(q.detail, /They are eu\.one, eu\.two and eu\.three\./);
    assert.match(q.detail, /pushMirror\.signal\.confirmMany/);
    assert.equal(q.confirm, 'Signal 3 downstreams');
    const staged = manySignalsQuestion({ action: 'staged', list: 'x.mirror', names: ['s'], setting: 'k' });
    assert.equal(staged.message, 'Staged push to 1 downstream of x.mirror?');
    assert.equal(staged.confirm, 'Staged Push to 1 downstream');
  });

  it('declares the setting in package.json: boolean, on by default, user settings only', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { type: string; default: unknown; scope: string }> } };
    };
    const setting = pkg.contributes.configuration.properties[CONFIRM_MANY_SIGNALS];
    assert.deepEqual([setting.type, setting.default, setting.scope], ['boolean', true, 'application']);
  });
});
