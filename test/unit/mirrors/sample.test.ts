import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMirrorList } from '../../../server/src/core/mirrors/parser';
import { mirrorListService } from '../../../server/src/core/mirrors/service';

// The sample shipped in Debian's ftpsync package (read from the installed package, not copied: it is GPL-2).
const SAMPLE = '/usr/share/doc/ftpsync/examples/runmirrors.mirror.sample';
const skip = existsSync(SAMPLE) ? false : 'Debian package ftpsync is not installed (apt-get install ftpsync)';

describe("Debian ftpsync's runmirrors.mirror.sample", { skip }, () => {
  const text = skip ? '' : readFileSync(SAMPLE, 'utf8');

  it('is all comments: no entries, no problems, one folding range', () => {
    const doc = parseMirrorList(text);
    assert.equal(doc.entries.length, 0);
    assert.ok(doc.comments.length > 80);
    assert.deepEqual(mirrorListService.validate(text, {}), []);
    assert.equal(mirrorListService.folding!(text).length, 1);
  });

  it('its examples, uncommented, parse as documented — and its first example drops the master key', () => {
    const examples = text
      .split('\n')
      .filter((l) => /^# (all|staged|mhop) \S+\.\S+ /.test(l))
      .map((l) => l.slice(2));
    assert.deepEqual(examples, [
      'all eu.puccini puccini.debian.org archvsync 2',
      'all eu.puccini puccini.debian.org archvsync -p 2222',
      'staged eu.puccini puccini.debian.org archvsync',
      'staged eu.powell powell.debian.org archvsync',
      'staged eu.puccini puccini.debian.org archvsync',
      'mhop eu.powell powell.debian.org archvsync',
    ]);
    const problems = examples.map((l) => mirrorListService.validate(l + '\n', {}).map((p) => p.code));
    assert.deepEqual(problems, [['mirrors/protocol-without-key'], [], [], [], [], []]);
    const symbols = mirrorListService.symbols!(examples.join('\n'));
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['eu.puccini', 'all archvsync@puccini.debian.org'],
        ['eu.puccini', 'all archvsync@puccini.debian.org'],
        ['eu.puccini', 'staged archvsync@puccini.debian.org'],
        ['eu.powell', 'staged archvsync@powell.debian.org'],
        ['eu.puccini', 'staged archvsync@puccini.debian.org'],
        ['eu.powell', 'mhop archvsync@powell.debian.org'],
      ],
    );
  });
});
