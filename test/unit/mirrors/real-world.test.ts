import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { mirrorListService } from '../../../server/src/core/mirrors/service';
import type { CheckContext, HostAccess } from '../../../server/src/core/types';

// Real-world runmirrors.mirror files and runmirrors.conf shapes (test/fixtures/mirrors/real-world,
// sources in SOURCES.md). Every `line code` below was checked against Debian 12's /usr/bin/runmirrors
// by test/integration/mirrors/runmirrors.test.ts: each line alone (argv equal to pushPlan, and an
// error or warning exactly where runmirrors does not do what the line says) and each file as a whole.
// Without file checks, as `push-mirror check --no-fs` runs.

const DIR = path.resolve(__dirname, '../../fixtures/mirrors/real-world');

const EXPECTED: Record<string, string[]> = {
  'bom-comment.mirror': ['1 mirrors/unknown-type', '1 mirrors/unknown-fourth-field'],
  'bom-first-line.mirror': ['1 mirrors/unknown-type'],
  'crlf.mirror': ['3 mirrors/crlf', '4 mirrors/crlf', '6 mirrors/crlf', '7 mirrors/crlf'],
  'delays.mirror': [],
  'host-port.mirror': ['2 mirrors/bad-hostname', '3 mirrors/bad-url'],
  'ipv6.mirror': ['5 mirrors/bad-url', '6 mirrors/bad-hostname'],
  'key-files.mirror': [
    '5 mirrors/key-file-mangled',
    '6 mirrors/ignored-after-key',
    '8 mirrors/ssh-protocol-1',
    '9 mirrors/unknown-fourth-field',
    '10 mirrors/unexpanded-variable',
    '11 mirrors/master-key-with-identity',
    '11 mirrors/unexpanded-variable',
  ],
  'missing-fields.mirror': [
    '2 mirrors/missing-field',
    '3 mirrors/missing-field',
    '4 mirrors/missing-field',
    '5 mirrors/missing-field',
  ],
  'puppet-staged-protocol.mirror': ['1 mirrors/protocol-without-key', '2 mirrors/protocol-without-key'],
  'puppet-url.mirror': [],
  'sample-2008-no-type.mirror': ['3 mirrors/unknown-type', '3 mirrors/unknown-fourth-field'],
  'sample-2008.mirror': ['4 mirrors/duplicate-short-name', '4 mirrors/missing-field', '5 mirrors/missing-field'],
  'sample-2018-all-examples.mirror': [
    '5 mirrors/protocol-without-key',
    '6 mirrors/duplicate-short-name',
    '7 mirrors/duplicate-short-name',
    '9 mirrors/duplicate-short-name',
    '10 mirrors/duplicate-short-name',
  ],
  'sample-2018-mhop.mirror': [],
  'sample-2018-port.mirror': [],
  'sample-2018-protocol.mirror': ['2 mirrors/protocol-without-key'],
  'sample-2018-staged.mirror': [],
  'ssh-options-several.mirror': [
    '3 mirrors/options-dropped',
    '4 mirrors/options-dropped',
    '5 mirrors/option-eats-command',
    '5 mirrors/options-dropped',
    '6 mirrors/options-dropped',
    '7 mirrors/option-eats-command',
    '7 mirrors/options-dropped',
    '9 mirrors/options-dropped',
    '10 mirrors/options-dropped',
  ],
  'ssh-options.mirror': [
    '10 mirrors/master-key-with-identity',
    '12 mirrors/ignored-ssh-option',
    '13 mirrors/ignored-ssh-option',
    '15 mirrors/ignored-ssh-option',
  ],
  'tabs.mirror': ['6 mirrors/option-eats-command', '6 mirrors/options-dropped'],
  'trailing-blanks.mirror': [],
  'trailing-comments.mirror': ['2 mirrors/unknown-fourth-field'],
  'university-three-downstreams.mirror': [],
  'url-archives.mirror': [],
  'user-at-host.mirror': ['3 mirrors/user-in-host', '4 mirrors/missing-field'],
};

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('real-world runmirrors.mirror files', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.mirror'))
    .sort();

  it('has at least 20 files, each with a verified expectation', () => {
    assert.ok(files.length >= 20);
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const problems = mirrorListService.validate(text, {});
      assert.deepEqual(
        problems.map((p) => `${lineOf(text, p.start)} ${p.code}`),
        EXPECTED[file],
      );
      for (const p of problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, JSON.stringify(p));
      // Hover and symbols never throw on real files.
      for (let offset = 0; offset <= text.length; offset += 7) mirrorListService.hover!(text, offset, {});
      mirrorListService.symbols!(text);
    });
  }

  it('SOURCES.md names every fixture', () => {
    const sources = fs.readFileSync(path.join(DIR, 'SOURCES.md'), 'utf8');
    for (const file of [...files, ...fs.readdirSync(path.join(DIR, 'conf')).map((f) => `conf/${f}`)])
      assert.ok(sources.includes(`\`${file}\``), file);
  });
});

describe('real-world runmirrors.conf shapes', () => {
  const conf = (name: string) => readRunmirrorsConf(fs.readFileSync(path.join(DIR, 'conf', name), 'utf8'), '/home/ftp');

  it('reads KEYFILE, SSH_OPTS and PUSHARCHIVE as runmirrors does after sourcing them', () => {
    assert.equal(conf('package-sample.conf').keyFile, '/home/ftp/.ssh/pushmirror');
    assert.equal(conf('package-sample.conf').sshOpts, '-o StrictHostKeyChecking=no');
    assert.equal(conf('archvsync-tests.conf').keyFile, '/home/ftp/key');
    assert.equal(conf('puppet-archvsync.conf').keyFile, '/home/ftp/.ssh/id_rsa');
    assert.equal(conf('ssh-opts-archive.conf').sshOpts, '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null');
    assert.equal(conf('ssh-opts-archive.conf').assignments.get('PUSHARCHIVE')?.value, 'security');
    assert.equal(conf('home-layout.conf').lockDir, '/home/ftp/locks');
    assert.equal(conf('quoted-tilde.conf').keyFile, '/home/ftp/~/.ssh/pushmirror', 'bash leaves a quoted ~ alone');
  });

  // runmirrors.conf beside the list, on a host where every file exists.
  const ctxFor = (name: string): CheckContext => {
    const text = fs.readFileSync(path.join(DIR, 'conf', name), 'utf8');
    // Every file exists except under a literal `~` directory.
    const host: HostAccess = {
      homeDir: '/home/ftp',
      uid: 1000,
      stat: (p) => ({ exists: !p.includes('/~/'), isDirectory: false }),
      readDir: () => undefined,
      readText: (p) => (p === '/home/ftp/etc/runmirrors.conf' ? text : undefined),
    };
    return { path: '/home/ftp/etc/runmirrors.mirror', host };
  };
  const LIST = 'staged hostname-a.example.org hostname-a.example.org ftp 2\nall eu.one one.example.org archvsync\n';

  it('stops runmirrors only where the real one stops: an empty LOGDIR or LOCKDIR', () => {
    const stops = (name: string) =>
      mirrorListService
        .validate(LIST, ctxFor(name))
        .filter((p) => p.code === 'mirrors/runmirrors-stops')
        .map((p) => p.message);
    assert.equal(stops('puppet-archvsync-undef.conf').length, 1);
    assert.match(stops('puppet-archvsync-undef.conf')[0], /LOGDIR to an empty value/);
    assert.match(stops('empty-lockdir.conf').join(' '), /LOCKDIR to an empty value/);
    assert.match(stops('quoted-tilde.conf').join(' '), /master key KEYFILE \(~\/\.ssh\/pushmirror\) does not exist/);
    for (const name of ['puppet-archvsync.conf', 'home-layout.conf']) assert.deepEqual(stops(name), [], name);
  });

  it("does not warn about a bare protocol when KEYFILE is one of ssh's default keys", () => {
    const codes = (name: string) => mirrorListService.validate(LIST, ctxFor(name)).map((p) => p.code);
    assert.ok(!codes('puppet-archvsync.conf').includes('mirrors/protocol-without-key'));
    assert.ok(codes('home-layout.conf').includes('mirrors/protocol-without-key'));
  });
});
