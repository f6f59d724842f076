import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRunmirrorsConf, confPathFor } from '../../../server/src/core/mirrors/conf';
import { pushPlan, renderArgv } from '../../../server/src/core/mirrors/command';
import { parseMirrorList, type MirrorEntry } from '../../../server/src/core/mirrors/parser';
import { mirrorListService } from '../../../server/src/core/mirrors/service';

const TEXT = [
  '# downstreams',
  'all eu.one one.example.org archvsync -p 2222',
  'DELAY 30',
  'staged eu.two ssh+ftpsync://mirror@two.example.org/debian-security',
  '',
].join('\n');

describe('runmirrors.mirror service', () => {
  it('hovers on a type with the ssh command runmirrors runs', () => {
    const h = mirrorListService.hover!(TEXT, TEXT.indexOf('all') + 1, {});
    assert.ok(h);
    assert.match(h.markdown, /normal push/);
    assert.match(
      h.markdown,
      /ssh -n one\.example\.org -o user=archvsync .* -i ~\/\.ssh\/pushmirror -p 2222 ' sync:archive: sync:all'/,
    );
  });

  it('hovers on options, URL, DELAY and its seconds', () => {
    assert.match(mirrorListService.hover!(TEXT, TEXT.indexOf('-p 2222') + 1, {})!.markdown, /port/);
    assert.match(mirrorListService.hover!(TEXT, TEXT.indexOf('ssh+ftpsync') + 3, {})!.markdown, /URL/);
    assert.match(mirrorListService.hover!(TEXT, TEXT.indexOf('DELAY') + 1, {})!.markdown, /pause/);
    assert.match(mirrorListService.hover!(TEXT, TEXT.indexOf('30'), {})!.markdown, /seconds/);
    assert.equal(mirrorListService.hover!(TEXT, 3, {}), undefined);
  });

  it('completes types at the start of a line and options after the user', () => {
    const labels = (text: string) => mirrorListService.complete!(text, text.length, {}).map((c) => c.label);
    assert.deepEqual(labels('st'), ['all', 'staged', 'mhop', 'all (URL)', 'DELAY']);
    assert.ok(labels('all a host.example.org archvsync -').includes('-p'));
    assert.deepEqual(labels('DELAY 60 '), ['stage1']);
    assert.deepEqual(labels('# all '), []);
  });

  it('lists mirrors and DELAYs as symbols', () => {
    assert.deepEqual(
      mirrorListService.symbols!(TEXT).map((s) => [s.name, s.kind]),
      [
        ['eu.one', 'object'],
        ['DELAY 30', 'event'],
        ['eu.two', 'object'],
      ],
    );
  });

  it('hovers with the archive runmirrors sends for runmirrors-NAME.mirror, and PUSHARCHIVE from its conf', () => {
    const text = 'all eu.one one.example.org archvsync\n';
    const at = (ctx: Parameters<NonNullable<typeof mirrorListService.hover>>[2]) =>
      mirrorListService.hover!(text, 1, ctx)!.markdown;
    assert.match(at({ path: '/srv/etc/runmirrors-security.mirror' }), /' sync:archive:security sync:all'/);
    assert.match(at({ path: '/srv/etc/runmirrors.mirror' }), /' sync:archive: sync:all'/);
    const host = {
      homeDir: '/home/ms',
      uid: 1000,
      stat: () => undefined,
      readDir: () => undefined,
      readText: (p: string) => (p === '/srv/etc/runmirrors-bpo.conf' ? 'PUSHARCHIVE=backports\n' : undefined),
    };
    assert.match(at({ path: '/srv/etc/runmirrors-bpo.mirror', host }), /' sync:archive:backports sync:all'/);
  });

  it('shows the exact argv: a CR stays where bash leaves it, only the first word of a key file, no empty host', () => {
    const plan = (line: string) =>
      renderArgv(pushPlan(parseMirrorList(line).entries[0] as MirrorEntry, undefined, '', 'all').argv);
    assert.match(plan('all a h.example.org archvsync\r\n'), / -o \$'user=archvsync\\r' /);
    assert.match(plan('all a h.example.org archvsync 2 /k extra\n'), / -i \/k -2$/);
    assert.match(
      plan('all a h.example.org archvsync 2  /k\n'),
      /PasswordAuthentication=no -o StrictHostKeyChecking=no -2$/,
    );
    assert.match(plan('all a ssh+ftpsync://u@h.example.org/security\r\n'), /^ssh -n h\.example\.org -o user=u /);
    assert.equal(
      pushPlan(parseMirrorList('all a ssh+ftpsync://u@h.example.org/security\r\n').entries[0] as MirrorEntry, undefined)
        .commands[0],
      'sync:archive:security\r sync:all',
    );
    assert.match(plan('all a\n'), /^ssh -n -o user= /);
  });

  it('plans staged pushes with the URL archive', () => {
    const entry = parseMirrorList(TEXT).entries[2] as MirrorEntry;
    const plan = pushPlan(entry, undefined);
    assert.deepEqual(plan.commands, [
      'sync:archive:debian-security sync:stage1',
      'sync:archive:debian-security sync:stage2',
    ]);
    assert.equal(plan.argv[2], 'two.example.org');
    assert.ok(plan.argv.includes('user=mirror'));
  });
});

describe('runmirrors.conf', () => {
  it('applies runmirrors defaults', () => {
    const s = readRunmirrorsConf(undefined, '/home/ms');
    assert.equal(s.keyFile, '/home/ms/.ssh/pushmirror');
    assert.equal(s.logDir, '/home/ms/.local/log/ftpsync');
    assert.equal(s.pushDelay, 600);
    assert.equal(s.baseDir, undefined);
  });

  it('reads assignments, quotes, export, ~ and earlier variables', () => {
    const conf = [
      '# comment',
      'BASEDIR=/srv/archvsync',
      'export KEYFILE="~/.ssh/push key"',
      "LOGDIR='${BASEDIR}/log'",
      'LOCKDIR="${BASEDIR}/locks"',
      'PUSHDELAY=120 # two minutes',
      'HUB=true',
      'MAILTO=$LOGNAME',
    ].join('\n');
    const s = readRunmirrorsConf(conf, '/home/ms');
    assert.equal(s.baseDir, '/srv/archvsync');
    assert.equal(
      s.keyFile,
      '/home/ms/~/.ssh/push key',
      'a quoted ~ is not expanded; runmirrors resolves the path from HOME',
    );
    assert.equal(s.logDir, '${BASEDIR}/log', 'single quotes do not expand');
    assert.equal(s.lockDir, '/srv/archvsync/locks');
    assert.equal(s.pushDelay, 120);
    assert.equal(s.hub, 'true');
    assert.equal(s.assignments.get('MAILTO')?.dynamic, true);
    assert.equal(s.assignments.get('PUSHDELAY')?.line, 5);
  });

  it('uses a seed (archvsync home) for BASEDIR', () => {
    const s = readRunmirrorsConf('LOGDIR="${BASEDIR}/log"\n', '/home/ms', { BASEDIR: '/srv/a' });
    assert.equal(s.logDir, '/srv/a/log');
  });

  it('pairs list and config names', () => {
    assert.equal(confPathFor('/e/runmirrors.mirror'), '/e/runmirrors.conf');
    assert.equal(confPathFor('/e/runmirrors-bpo.mirror'), '/e/runmirrors-bpo.conf');
  });
});
