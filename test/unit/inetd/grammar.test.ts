// Scopes of the inetd.conf grammar in the real vscode-textmate, as the editor shows them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkScopes, tokenize } from '../grammar/tokenize';

type Case = [text: string, expected: [string, string][]];

const CASES: Case[] = [
  [
    'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon',
    [
      ['rsync', 'entity.name.tag.service.inetd-conf'],
      ['stream', 'keyword.other.socket-type.inetd-conf'],
      ['tcp', 'support.type.protocol.inetd-conf'],
      ['nowait', 'keyword.other.wait.inetd-conf'],
      ['root', 'variable.other.user.inetd-conf'],
      ['/usr/bin/rsync', 'string.unquoted.program.inetd-conf'],
      ['rsyncd', 'string.unquoted.argument.inetd-conf'],
      ['--daemon', 'variable.parameter.option.inetd-conf'],
    ],
  ],
  [
    '192.0.2.10:rsync\tstream\ttcp\tnowait.400\troot\t/usr/bin/rsync\trsyncd --daemon --config=/etc/rsyncd.conf',
    [
      ['192.0.2.10', 'string.unquoted.host.inetd-conf'],
      [':', 'punctuation.separator.host.inetd-conf'],
      ['rsync', 'entity.name.tag.service.inetd-conf'],
      ['.', 'punctuation.separator.max.inetd-conf'],
      ['400', 'constant.numeric.integer.max.inetd-conf'],
      ['--config', 'variable.parameter.option.inetd-conf'],
      ['=', 'keyword.operator.assignment.inetd-conf'],
      ['/etc/rsyncd.conf', 'string.unquoted.argument.inetd-conf'],
    ],
  ],
  ['rsync streem tcp nowait root /usr/bin/rsync', [['streem', 'invalid.illegal.socket-type.inetd-conf']]],
  ['rsync stream tcp nowiat root /usr/bin/rsync', [['nowiat', 'invalid.illegal.wait.inetd-conf']]],
  [
    '# a comment\n#<off># rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon',
    [
      ['#', 'punctuation.definition.comment.inetd-conf'],
      [' a comment', 'comment.line.number-sign.inetd-conf'],
      ['#<off>#', 'punctuation.definition.comment.disabled.inetd-conf'],
      ['rsync', 'comment.line.disabled.inetd-conf'],
    ],
  ],
  ['127.0.0.1:', [['127.0.0.1', 'string.unquoted.host.inetd-conf']]],
  [
    // A continuation line holds arguments; an indented `#` is no comment.
    'rsync stream tcp nowait root /usr/bin/rsync\n\trsyncd --daemon\n  # not a comment',
    [
      ['--daemon', 'variable.parameter.option.inetd-conf'],
      ['#', 'comment!'],
    ],
  ],
];

describe('grammar inetd-conf', () => {
  for (const [text, expected] of CASES) {
    it(JSON.stringify(text), async () => {
      const lines = await tokenize('inetd-conf', text);
      assert.deepEqual(checkScopes(lines.flat(), expected), []);
    });
  }

  it('an empty line ends an entry: the next line is a new service', async () => {
    const lines = await tokenize(
      'inetd-conf',
      'a stream tcp nowait root /bin/a a\n\nb stream tcp nowait root /bin/b b',
    );
    assert.deepEqual(checkScopes(lines[2], [['b', 'entity.name.tag.service.inetd-conf']]), []);
  });
});
