import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { VARIABLES } from '../../../server/src/core/ftpsync/variables';
import { checkScopes, tokenize } from '../grammar/tokenize';

// Scopes the ftpsync-conf grammar gives, in the real vscode-textmate engine.

const CASES: [string, [string, string][]][] = [
  ['# comment', [['#', 'punctuation.definition.comment.ftpsync-conf']]],
  [
    'RSYNC_HOST=upstream.example.org',
    [
      ['RSYNC_HOST', 'support.variable.setting.ftpsync-conf'],
      ['=', 'keyword.operator.assignment.ftpsync-conf'],
    ],
  ],
  [
    'ARCH_EXLUDE="i386"',
    [
      ['ARCH_EXLUDE', 'variable.other.assignment.ftpsync-conf'],
      ['"i386"', 'string.quoted.double'],
    ],
  ],
  ['export RSYNC_PASSWORD', [['export', 'keyword.control.ftpsync-conf']]],
  [
    'export RSYNC_USER=eu3',
    [
      ['export', 'storage.modifier.ftpsync-conf'],
      ['RSYNC_USER', 'support.variable.setting'],
    ],
  ],
  [
    'LOGDIR="${BASEDIR}/log"',
    [
      ['${', 'punctuation.definition.variable'],
      ['BASEDIR', 'variable.other.bracket'],
      ['/log', 'string.quoted.double'],
    ],
  ],
  [
    'MIRRORNAME=$(hostname -f)',
    [
      ['$(', 'punctuation.definition.command.begin'],
      ['hostname -f', 'meta.command-substitution'],
    ],
  ],
  [
    "EXCLUDE='--exclude=*.iso' # note",
    [
      ["'--exclude=*.iso'", 'string.quoted.single'],
      ['#', 'comment.line'],
    ],
  ],
  ['TO=/srv/a#b', [['#b', 'comment!']]],
  ['ARCH_INCLUDE=(amd64 source)', [['(', 'punctuation.definition.array.begin']]],
];

describe('grammar ftpsync-conf', () => {
  for (const [text, expected] of CASES) {
    it(JSON.stringify(text), async () => {
      const lines = await tokenize('ftpsync-conf', text);
      assert.deepEqual(checkScopes(lines.flat(), expected), []);
    });
  }

  it('knows exactly the variables of the table', async () => {
    const grammar = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../syntaxes/ftpsync-conf.tmLanguage.json'), 'utf8'),
    );
    const begin: string = grammar.repository.assignment.begin;
    const names = /\\b\(([A-Z0-9_|]+)\)/.exec(begin)![1].split('|').sort();
    assert.deepEqual(names, VARIABLES.map((v) => v.name).sort());
    const lines = await tokenize('ftpsync-conf', VARIABLES.map((v) => `${v.name}=x`).join('\n'));
    for (const line of lines) assert.ok(line[0].scopes.includes('support.variable.setting.ftpsync-conf'), line[0].text);
  });
});
