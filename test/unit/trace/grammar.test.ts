import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkScopes, tokenize } from '../grammar/tokenize';

// The ftpsync-trace TextMate grammar in the real vscode-textmate: date lines, fields, `_hierarchy` and
// `_traces` lines. A scope ending in `!` must be absent.

const CASES: [string, [string, string][]][] = [
  ['Sun Dec  6 20:53:34 UTC 2026', [['Sun Dec  6 20:53:34 UTC 2026', 'constant.other.date.ftpsync-trace']]],
  [
    'Date: Sun, 06 Dec 2026 20:53:34 +0000',
    [
      ['Date', 'support.type.property-name.ftpsync-trace'],
      [':', 'punctuation.separator.key-value'],
      ['Sun, 06 Dec 2026 20:53:34 +0000', 'constant.other.date'],
    ],
  ],
  [
    'Archive serial: 2026120601',
    [
      ['Archive serial', 'support.type.property-name'],
      ['2026120601', 'constant.numeric.ftpsync-trace'],
    ],
  ],
  ['Archive serial: unknown', [['unknown', 'invalid.deprecated.unknown']]],
  [
    'Running on host: hub-1.example.org',
    [
      ['Running on host', 'support.type.property-name'],
      ['hub-1.example.org', 'string.unquoted.value.ftpsync-trace'],
      ['hub-1.example.org', 'entity.name.section!'],
    ],
  ],
  [
    'Architectures-Configuration: INCLUDE amd64 source ',
    [
      ['Architectures-Configuration', 'support.type.property-name'],
      ['INCLUDE', 'keyword.other.architectures'],
    ],
  ],
  ['Average rate: 2684 B/s', [['2684 B/s', 'constant.numeric']]],
  ['master', [['master', 'entity.name.tag.trace-file']]],
  ['Using dak v1', [['Using dak v1', 'entity.name.tag!']]],
];

describe('grammar ftpsync-trace', () => {
  for (const [text, expected] of CASES)
    it(text, async () => {
      const [tokens] = await tokenize('ftpsync-trace', text);
      assert.deepEqual(checkScopes(tokens!, expected), []);
    });
  it('a _hierarchy line: trace file, MIRRORNAME, TRACEHOST, RSYNC_HOST', async () => {
    const [tokens] = await tokenize(
      'ftpsync-trace',
      'leaf.example.net-stage1 leaf.example.net leaf-1.example.net hub.example.org',
    );
    const words = tokens!.filter((t) => t.text.trim() !== '');
    assert.deepEqual(
      words.map((t) => [t.text, t.scopes.at(-1)]),
      [
        ['leaf.example.net-stage1', 'entity.name.tag.trace-file.ftpsync-trace'],
        ['leaf.example.net', 'entity.name.section.mirror.ftpsync-trace'],
        ['leaf-1.example.net', 'variable.other.host.ftpsync-trace'],
        ['hub.example.org', 'string.unquoted.upstream.ftpsync-trace'],
      ],
    );
  });
});
