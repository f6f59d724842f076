// Scope assertions for the five TextMate grammars: each case is a line (or lines) and the scopes
// given tokens must carry. A scope ending in `!` must be absent. Runs in the real vscode-textmate.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PARAMETERS } from '../../../server/src/core/rsyncd/parameters';
import { checkScopes, tokenize } from './tokenize';

type Case = [text: string, expected: [string, string][]];

const TABLES: Record<string, Case[]> = {
  'rsyncd-conf': [
    [
      '# a comment',
      [
        ['#', 'punctuation.definition.comment'],
        [' a comment', 'comment.line.number-sign.rsyncd-conf'],
      ],
    ],
    ['  ; indented semicolon comment', [[';', 'comment.line.semicolon.rsyncd-conf']]],
    [
      '[global]',
      [
        ['[', 'punctuation.definition.section.begin'],
        ['global', 'entity.name.section.global.rsyncd-conf'],
        [']', 'punctuation.definition.section.end'],
      ],
    ],
    ['[debian]', [['debian', 'entity.name.section.module.rsyncd-conf']]],
    [
      'read only = yes',
      [
        ['read only', 'support.type.property-name.rsyncd-conf'],
        ['=', 'keyword.operator.assignment'],
        ['yes', 'constant.language.boolean'],
      ],
    ],
    [
      'READ ONLY=False',
      [
        ['READ ONLY', 'support.type.property-name.rsyncd-conf'],
        ['False', 'constant.language.boolean'],
      ],
    ],
    ['readonly = no', [['readonly', 'support.type.property-name.rsyncd-conf']]],
    [
      'reed only = yes',
      [
        ['reed only', 'variable.other.property.unknown.rsyncd-conf'],
        ['reed only', 'support.type.property-name!'],
      ],
    ],
    [
      'max connections = 10',
      [
        ['max connections', 'support.type.property-name'],
        ['10', 'constant.numeric.integer.rsyncd-conf'],
      ],
    ],
    [
      'comment = no access # not a comment',
      [
        ['no access # not a comment', 'string.unquoted.value.rsyncd-conf'],
        ['no', 'constant.language.boolean!'],
        ['#', 'comment!'],
      ],
    ],
    [
      'path = /srv/mirror/%RSYNC_USER_NAME%/x',
      [
        ['/srv/mirror/', 'string.unquoted.value'],
        ['%RSYNC_USER_NAME%', 'variable.other.environment.rsyncd-conf'],
        ['/x', 'string.unquoted.value'],
      ],
    ],
    [
      '&include /etc/rsyncd.d',
      [
        ['&include', 'keyword.control.directive.rsyncd-conf'],
        ['/etc/rsyncd.d', 'string.unquoted.path.rsyncd-conf'],
      ],
    ],
    ['&merge /etc/rsyncd.inc', [['&merge', 'keyword.control.directive.rsyncd-conf']]],
    ['include from = /etc/inc', [['include from', 'support.type.property-name']]],
    ['proxy protocol hosts = 10.0.0.1', [['proxy protocol hosts', 'support.type.property-name']]],
    [
      'hosts allow = 192.0.2.1 \\\n  198.51.100.0/24\nlist = no',
      [
        ['hosts allow', 'support.type.property-name'],
        ['\\', 'constant.character.escape.line-continuation.rsyncd-conf'],
        ['  198.51.100.0/24', 'meta.parameter.rsyncd-conf'],
        ['list', 'support.type.property-name'],
      ],
    ],
  ],
  'rsyncd-secrets': [
    ['# comment', [['# comment', 'comment.line.number-sign.rsyncd-secrets']]],
    [
      'mirror:s3cr3t pass',
      [
        ['mirror', 'entity.name.user.rsyncd-secrets'],
        [':', 'punctuation.separator.key-value'],
        ['s3cr3t pass', 'string.unquoted.password.rsyncd-secrets'],
      ],
    ],
    [
      '@mirrors:grouppw',
      [
        ['@', 'punctuation.definition.group'],
        ['mirrors', 'entity.name.group.rsyncd-secrets'],
        ['grouppw', 'string.unquoted.password.rsyncd-secrets'],
      ],
    ],
    ['user:pw#not-a-comment', [['pw#not-a-comment', 'string.unquoted.password.rsyncd-secrets']]],
    [
      ' #user:pw',
      [
        [' #user', 'entity.name.user.rsyncd-secrets'],
        [' #user', 'comment!'],
      ],
    ],
    ['nocolon', [['nocolon', 'invalid.illegal.missing-colon']]],
  ],
  'ssh-authorized-keys': [
    ['# keys', [['# keys', 'comment.line.number-sign.ssh-authorized-keys']]],
    [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host',
      [
        ['ssh-ed25519', 'storage.type.key-type.ssh-authorized-keys'],
        [
          'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
          'constant.other.base64.ssh-authorized-keys',
        ],
        ['user@host', 'comment.line.key-comment.ssh-authorized-keys'],
      ],
    ],
    [
      'restrict,command="~/bin/ftpsync sync:all",from="192.0.2.10,!192.0.2.11" ssh-rsa AAAAB3NzaC1yc2E= push',
      [
        ['restrict', 'keyword.other.option.ssh-authorized-keys'],
        [',', 'punctuation.separator.option'],
        ['command', 'keyword.other.option.ssh-authorized-keys'],
        ['=', 'keyword.operator.assignment'],
        ['"~/bin/ftpsync sync:all"', 'string.quoted.double.ssh-authorized-keys'],
        ['from', 'keyword.other.option'],
        ['"192.0.2.10,!192.0.2.11"', 'string.quoted.double'],
        ['ssh-rsa', 'storage.type.key-type'],
        ['AAAAB3NzaC1yc2E=', 'constant.other.base64'],
        ['push', 'comment.line.key-comment'],
      ],
    ],
    [
      'command="echo \\"hi there\\"",no-pty sk-ssh-ed25519@openssh.com AAAA x',
      [
        ['\\"', 'constant.character.escape.ssh-authorized-keys'],
        ['no-pty', 'keyword.other.option'],
        ['sk-ssh-ed25519@openssh.com', 'storage.type.key-type'],
      ],
    ],
    [
      'no-port-forwardin ssh-rsa AAAA',
      [
        ['no-port-forwardin', 'variable.other.option.unknown.ssh-authorized-keys'],
        ['ssh-rsa', 'storage.type.key-type'],
      ],
    ],
    [
      'ecdsa-sha2-nistp256-cert-v01@openssh.com AAAA',
      [['ecdsa-sha2-nistp256-cert-v01@openssh.com', 'storage.type.key-type']],
    ],
  ],
  'runmirrors-mirror': [
    ['# push list', [['# push list', 'comment.line.number-sign.runmirrors-mirror']]],
    [
      'all eu.puccini puccini.debian.org archvsync 2',
      [
        ['all', 'keyword.other.type.runmirrors-mirror'],
        ['eu.puccini', 'entity.name.tag.short-name'],
        ['puccini.debian.org', 'string.unquoted.host'],
        ['archvsync', 'variable.other.user'],
        ['2', 'constant.numeric.protocol'],
      ],
    ],
    [
      'staged m1 m1.example.org mirror 2 /home/archvsync/.ssh/pushkey',
      [
        ['staged', 'keyword.other.type'],
        ['/home/archvsync/.ssh/pushkey', 'string.unquoted.path.key-file'],
      ],
    ],
    [
      'all m2 m2.example.org archvsync -p 2222 -i ~/.ssh/key',
      [
        ['-p', 'variable.parameter.ssh-option.runmirrors-mirror'],
        ['2222', 'string.unquoted.ssh-argument'],
        ['-i', 'variable.parameter.ssh-option'],
        ['~/.ssh/key', 'string.unquoted.ssh-argument'],
      ],
    ],
    [
      'mhop h1 ssh+ftpsync://archvsync@hop.example.org/debian-security',
      [
        ['mhop', 'keyword.other.type'],
        ['h1', 'entity.name.tag.short-name'],
        ['ssh+ftpsync', 'keyword.other.scheme.runmirrors-mirror'],
        ['archvsync', 'variable.other.user'],
        ['hop.example.org', 'string.unquoted.host'],
        ['debian-security', 'string.unquoted.archive.runmirrors-mirror'],
      ],
    ],
    [
      'DELAY 600',
      [
        ['DELAY', 'keyword.control.delay.runmirrors-mirror'],
        ['600', 'constant.numeric.integer'],
      ],
    ],
    ['DELAY 60 stage1', [['stage1', 'keyword.other.stage.runmirrors-mirror']]],
    ['bogus m3 host user', [['bogus', 'keyword.other.type!']]],
  ],
  'ftpsync-log': [
    [
      'Nov 23 09:52:01 mirror ftpsync[12345]: Mirrorsync start',
      [
        ['Nov 23 09:52:01', 'constant.other.timestamp.ftpsync-log'],
        ['mirror', 'entity.name.tag.host'],
        ['ftpsync', 'entity.name.function.program'],
        ['12345', 'constant.numeric.pid'],
        ['Mirrorsync start', 'invalid!'],
      ],
    ],
    [
      'Nov 23 09:52:09 mirror ftpsync[12345]: ERROR: Sync step 1 went wrong, got errorcode 23. Logfile: x',
      [
        ['ERROR:', 'invalid.illegal.error.ftpsync-log'],
        ['went wrong', 'invalid.illegal.error'],
      ],
    ],
    [
      '2024/11/23 09:52:05 [4242] rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [generator=3.2.7]',
      [
        ['2024/11/23 09:52:05', 'constant.other.timestamp'],
        ['4242', 'constant.numeric.pid'],
        ['rsync error:', 'invalid.illegal.error'],
        ['code', 'keyword.other.code'],
        ['23', 'constant.numeric.exit-code.ftpsync-log'],
        ['main.c(1338)', 'entity.name.function.source'],
      ],
    ],
    ['Sat Nov 23 09:52:01 UTC 2024', [['Sat Nov 23 09:52:01 UTC 2024', 'constant.other.timestamp']]],
    [
      'Nov 23 09:53:00 mirror runmirrors[77]: Trigger slave mirrors using sync:archive:debian sync:stage1',
      [
        ['sync:', 'punctuation.definition.stage'],
        ['archive:debian', 'keyword.other.stage.ftpsync-log'],
        ['stage1', 'keyword.other.stage.ftpsync-log'],
      ],
    ],
    [
      'Nov 23 09:53:00 mirror ftpsync[1]: Upstream archive update in progress, Archive-Update-in-Progress-mirror exists',
      [['Archive-Update-in-Progress-mirror', 'entity.name.tag.lock.ftpsync-log']],
    ],
    [
      'Nov 23 09:53:00 mirror runmirrors[1]: WARNING: Missing Pushlockfile eu.stage1 after waiting',
      [
        ['WARNING:', 'markup.changed.warning'],
        ['Missing Pushlockfile', 'markup.changed.warning'],
        ['eu.stage1', 'entity.name.tag.lock'],
      ],
    ],
    ['Nov 23 09:53:00 mirror ftpsync[1]: Back from rsync with returncode 255', [['255', 'constant.numeric.exit-code']]],
  ],
};

for (const [language, cases] of Object.entries(TABLES)) {
  describe(`grammar ${language}`, () => {
    for (const [text, expected] of cases) {
      it(JSON.stringify(text), async () => {
        const lines = await tokenize(language, text);
        const problems = checkScopes(lines.flat(), expected);
        assert.deepEqual(problems, []);
      });
    }
  });
}

describe('grammar rsyncd-conf parameter names', () => {
  it('highlights every name in rsync 3.5.0 table as known, in any case and spacing', async () => {
    const lines = PARAMETERS.flatMap((p) => [`${p.name} = x`, `  ${p.name.toUpperCase().replace(/ /g, '   ')}=x`]);
    const tokens = await tokenize('rsyncd-conf', lines.join('\n'));
    const unknown = tokens.filter(
      (line) =>
        !line[0].scopes.includes('support.type.property-name.rsyncd-conf') &&
        !line[1]?.scopes.includes('support.type.property-name.rsyncd-conf'),
    );
    assert.deepEqual(
      unknown.map((l) => l.map((t) => t.text).join('')),
      [],
    );
  });
});
