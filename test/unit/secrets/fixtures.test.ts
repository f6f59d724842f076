import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { secretsService } from '../../../server/src/core/secrets/service';
import type { CheckContext } from '../../../server/src/core/types';

// The fixture files as a workspace placed at a made-up path, so `secrets file = bad.secrets` resolves
// beside the rsyncd.conf.

const DIR = 'test/fixtures/secrets';
const VIRTUAL = '/srv/example/fixtures';
const read = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');

function check(name: string) {
  const text = read(name);
  const ctx: CheckContext = {
    path: `${VIRTUAL}/${name}`,
    workspace: [
      {
        uri: `file://${VIRTUAL}/rsyncd.conf`,
        path: `${VIRTUAL}/rsyncd.conf`,
        languageId: 'rsyncd-conf',
        text: read('rsyncd.conf'),
      },
    ],
  };
  return secretsService.validate(text, ctx).map((p) => `${text.slice(0, p.start).split('\n').length}:${p.code}`);
}

test('good.secrets: only the note on how its @group line is used', () => {
  assert.deepEqual(check('good.secrets'), ['4:secrets/group-line']);
});

test('bad.secrets: each mistake on its line', () => {
  assert.deepEqual(check('bad.secrets'), [
    '1:secrets/leading-whitespace',
    // sync-eu: on its line whose leading blank keeps it from counting.
    '1:secrets/missing-user',
    '2:secrets/trailing-whitespace',
    '3:secrets/duplicate-user',
    '4:secrets/empty-password',
    '5:secrets/no-colon',
    '6:secrets/unused-user',
    // sync-af: at the end of the file, where its line belongs (not on line 1, another user's).
    '7:secrets/missing-user',
  ]);
});
