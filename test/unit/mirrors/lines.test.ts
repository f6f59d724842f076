import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mirrorListService } from '../../../server/src/core/mirrors/service';
import type { CheckContext, FileFacts, HostAccess } from '../../../server/src/core/types';

// Good and bad lines, each with the codes we expect. The "bad" verdicts were measured by running
// Debian's /usr/bin/runmirrors (ftpsync 20180513+nmu1) with a fake ssh that logs its argv.

const codes = (text: string, ctx: CheckContext = {}) => mirrorListService.validate(text, ctx).map((p) => p.code);

const CASES: [line: string, expected: string[]][] = [
  // good
  ['all eu.puccini puccini.debian.org archvsync', []],
  ['staged eu.puccini puccini.debian.org archvsync', []],
  ['mhop eu.powell powell.debian.org archvsync', []],
  ['all eu.puccini puccini.debian.org archvsync -p 2222', []],
  ['all m6 mirror.example.org archvsync -6', []],
  ['all mo mirror.example.org archvsync -o Port=2222', []],
  ['all url ssh+ftpsync://archvsync@mirror.example.org', []],
  ['all urlarch ssh+ftpsync://archvsync@mirror.example.org/debian-security', []],
  ['DELAY 60', []],
  ['DELAY', []],
  ['DELAY 120 stage1', []],
  ['# all commented host user x', []],
  ['   # indented comment', []],
  ['', []],
  ['all tilde mirror.example.org archvsync 2 ~/.ssh/other', []],
  // Verified harmless with the real runmirrors (test/integration/mirrors): extra blanks around DELAY,
  // a CR after the User field or an -o value (ssh strips it), trailing comments after options, a URL,
  // a key file or DELAY n, user@host with the same user, bare IPv6 addresses.
  ['DELAY  60', []],
  ['\tDELAY 60', []],
  ['DELAY 60 # two minutes less', []],
  ['DELAY 60 stage1 # wait for the staged ones', []],
  ['all crlf mirror.example.org archvsync\r', []],
  ['all crlfo mirror.example.org archvsync -o Port=2222\r', []],
  ['all optc mirror.example.org archvsync -p 2222 # behind NAT', []],
  ['all v6c mirror.example.org archvsync -6 # v6 only', []],
  ['all urlc ssh+ftpsync://archvsync@mirror.example.org # since 2021', []],
  ['all keyc mirror.example.org archvsync 2 /home/archvsync/.ssh/k # new key', []],
  ['all keytab mirror.example.org archvsync 2\t/home/archvsync/.ssh/k', []],
  ['all atsame archvsync@mirror.example.org archvsync', []],
  ['all v6 2001:db8::1 archvsync', []],
  ['all v6url ssh+ftpsync://archvsync@2001:db8::1', []],
  ['all v6urlarch ssh+ftpsync://archvsync@2001:db8::1/security', []],
  ['all same mirror.example.org archvsync -o BatchMode=yes', []],
  ['all same mirror.example.org archvsync -i ~/.ssh/pushmirror', []],
  ['all same mirror.example.org archvsync -oStrictHostKeyChecking=no', []],
  ['all same mirror.example.org archvsync -l archvsync', []],
  ['all same mirror.example.org archvsync -o User=archvsync', []],
  ['all two mirror.example.org archvsync -oPort=2222 -oIdentitiesOnly=yes', []],
  // bad
  ['al typo mirror.example.org archvsync', ['mirrors/unknown-type']],
  ['delay 60', ['mirrors/unknown-type']],
  ['stagedx s mirror.example.org archvsync', ['mirrors/unknown-type']],
  ['all', ['mirrors/missing-field']],
  ['all onlyname', ['mirrors/missing-field']],
  ['all nouser mirror.example.org', ['mirrors/missing-field']],
  ['all three mirror.example.org archvsync 3', ['mirrors/unknown-fourth-field']],
  ['all key mirror.example.org archvsync /home/archvsync/.ssh/k', ['mirrors/unknown-fourth-field']],
  ['all word mirror.example.org archvsync yes', ['mirrors/unknown-fourth-field']],
  ['all scheme ssh://archvsync@mirror.example.org', ['mirrors/unknown-scheme']],
  ['all upper SSH+FTPSYNC://archvsync@mirror.example.org', ['mirrors/unknown-scheme']],
  ['all nouser ssh+ftpsync://mirror.example.org', ['mirrors/bad-url']],
  ['all port ssh+ftpsync://archvsync@mirror.example.org:2222', ['mirrors/bad-url']],
  ['all extra ssh+ftpsync://archvsync@mirror.example.org -p 22', ['mirrors/ignored-after-url']],
  ['all p1 mirror.example.org archvsync 1 /k', ['mirrors/ssh-protocol-1']],
  ['all p2 mirror.example.org archvsync 2', ['mirrors/protocol-without-key']],
  ['all multi mirror.example.org archvsync -p 2222 -o IdentitiesOnly=yes', ['mirrors/options-dropped']],
  ['all tab mirror.example.org archvsync -p\t2222', ['mirrors/option-eats-command', 'mirrors/options-dropped']],
  ['all two mirror.example.org archvsync -p  2222', ['mirrors/option-eats-command', 'mirrors/options-dropped']],
  ['all eat mirror.example.org archvsync -4 -p', ['mirrors/option-eats-command']],
  ['all unk mirror.example.org archvsync -Z', ['mirrors/unknown-ssh-option']],
  ['all lopt mirror.example.org archvsync -l root', ['mirrors/ignored-ssh-option']],
  ['all bm mirror.example.org archvsync -o BatchMode=no', ['mirrors/ignored-ssh-option']],
  ['all shk mirror.example.org archvsync -o StrictHostKeyChecking=accept-new', ['mirrors/ignored-ssh-option']],
  ['all id mirror.example.org archvsync -i /k', ['mirrors/master-key-with-identity']],
  ['all crlfp mirror.example.org archvsync -p 2222\r', ['mirrors/crlf']],
  ['all crlfk mirror.example.org archvsync 2 /k\r', ['mirrors/crlf']],
  ['all crlfurl ssh+ftpsync://archvsync@mirror.example.org/security\r', ['mirrors/crlf']],
  ['DELAY 60\r', ['mirrors/crlf']],
  ['DELAY 60 stage1\r', ['mirrors/crlf']],
  ['all k2x mirror.example.org archvsync 2 /k -p 2222', ['mirrors/ignored-after-key']],
  ['all k2two mirror.example.org archvsync 2  /k', ['mirrors/key-file-mangled']],
  ['all k22 mirror.example.org archvsync 22 /k', ['mirrors/key-file-mangled']],
  ['all k2slash mirror.example.org archvsync 2/k', ['mirrors/key-file-mangled']],
  ['all kvar mirror.example.org archvsync 2 $HOME/.ssh/k', ['mirrors/unexpanded-variable']],
  ['all atother mirror@mirror.example.org archvsync', ['mirrors/user-in-host']],
  ['all br [2001:db8::1] archvsync', ['mirrors/bad-hostname']],
  ['all hp mirror.example.org:2222 archvsync', ['mirrors/bad-hostname']],
  ['all urlbr ssh+ftpsync://archvsync@[2001:db8::1]', ['mirrors/bad-url']],
  ['all userc mirror.example.org archvsync # primary', ['mirrors/unknown-fourth-field']],
  ['all under mirror.example.org archvsync _x', ['mirrors/unknown-fourth-field']],
  ['all stray mirror.example.org archvsync -4 yes', ['mirrors/ssh-option-stray']],
  ['all hashp mirror.example.org archvsync -p # 2222', ['mirrors/option-eats-command']],
  ['\ufeffall bom mirror.example.org archvsync', ['mirrors/unknown-type']],
  ['eu.old mirror.example.org archvsync 2 /k', ['mirrors/unknown-type', 'mirrors/unknown-fourth-field']],
  ['all bs mirror.example.org arch\\vsync', ['mirrors/backslash']],
  ['  staged ind mirror.example.org archvsync', ['mirrors/indented-staged']],
  ['DELAY ten', ['mirrors/malformed-delay']],
  ['DELAY 1.5 stage1', ['mirrors/malformed-delay']],
  ['DELAY 60 later', ['mirrors/delay-ignored-field']],
];

describe('runmirrors.mirror lines', () => {
  it('has at least 20 good and bad cases', () => {
    assert.ok(CASES.filter(([, c]) => c.length === 0).length >= 10);
    assert.ok(CASES.filter(([, c]) => c.length > 0).length >= 20);
  });
  for (const [line, expected] of CASES) {
    it(`${JSON.stringify(line)} → ${expected.join(', ') || 'clean'}`, () => {
      assert.deepEqual([...new Set(codes(line + '\n'))].sort(), [...expected].sort());
    });
  }

  it('reports duplicate short names on the second line', () => {
    const text = 'all a h1.example.org u\nall a h2.example.org u\n';
    const [p] = mirrorListService.validate(text, {});
    assert.equal(p.code, 'mirrors/duplicate-short-name');
    assert.equal(text.slice(p.start, p.end), 'a');
    assert.ok(p.start > text.indexOf('\n'));
  });

  it('says why a rest after the user is skipped: `_` is only skipped, a letter stops the list', () => {
    const [under] = mirrorListService.validate('all u h.example.org archvsync _x\n', {});
    assert.doesNotMatch(under.message, /never pushed/);
    const [letter] = mirrorListService.validate('all u h.example.org archvsync Yes\n', {});
    assert.match(letter.message, /every later one are never pushed/);
  });

  it('explains a byte order mark and offers to remove it', () => {
    const text = '\ufeff# Definition of mirror hosts we push.\nall a h.example.org archvsync\n';
    const [bom] = mirrorListService.validate(text, {}).filter((p) => p.code === 'mirrors/unknown-type');
    assert.match(bom.message, /byte order mark.*comment line is not skipped.*stops the whole list/);
    assert.deepEqual(bom.fixes?.[0].edits, [{ start: 0, end: 1, newText: '' }]);
  });

  it('fixes a mangled key file, a host:port and a bracketed address', () => {
    const fix = (line: string, code: string) => {
      const p = mirrorListService.validate(line + '\n', {}).find((x) => x.code === code)!;
      const edits = [...p.fixes![0].edits].sort((a, b) => b.start - a.start);
      return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), line);
    };
    assert.equal(
      fix('all k h.example.org archvsync 2  /k', 'mirrors/key-file-mangled'),
      'all k h.example.org archvsync 2 /k',
    );
    assert.equal(
      fix('all k h.example.org archvsync 22 /k', 'mirrors/key-file-mangled'),
      'all k h.example.org archvsync 2 /k',
    );
    assert.equal(
      fix('all k h.example.org archvsync 2/k', 'mirrors/key-file-mangled'),
      'all k h.example.org archvsync 2 /k',
    );
    assert.equal(
      fix('all k h.example.org archvsync 2 /k -p 2222', 'mirrors/ignored-after-key'),
      'all k h.example.org archvsync 2 /k',
    );
    assert.equal(
      fix('all k h.example.org:2222 archvsync', 'mirrors/bad-hostname'),
      'all k h.example.org archvsync -p 2222',
    );
    assert.equal(fix('all k [2001:db8::1] archvsync', 'mirrors/bad-hostname'), 'all k 2001:db8::1 archvsync');
    assert.equal(
      fix('all k ssh+ftpsync://a@[2001:db8::1]/security', 'mirrors/bad-url'),
      'all k ssh+ftpsync://a@2001:db8::1/security',
    );
    assert.equal(
      fix('all k h.example.org archvsync 2 $HOME/.ssh/k', 'mirrors/unexpanded-variable'),
      'all k h.example.org archvsync 2 ~/.ssh/k',
    );
    assert.equal(
      fix('all k h.example.org archvsync # primary', 'mirrors/unknown-fourth-field'),
      'all k h.example.org archvsync',
    );
    assert.equal(
      fix('eu.old h.example.org archvsync 2 /k', 'mirrors/unknown-type'),
      'all eu.old h.example.org archvsync 2 /k',
    );
  });

  it('keeps every range inside the document, CRLF included', () => {
    const text = CASES.map(([l]) => l).join('\r\n');
    for (const p of mirrorListService.validate(text, {}))
      assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, JSON.stringify(p));
  });
});

describe('file checks', () => {
  const files: Record<string, FileFacts> = { '/home/ms/.ssh/pushmirror': { exists: true, isDirectory: false } };
  const host = (conf: string): HostAccess => ({
    homeDir: '/home/ms',
    uid: 1000,
    stat: (p) => files[p] ?? { exists: false, isDirectory: false },
    readDir: () => undefined,
    readText: (p) => (p === '/srv/home/etc/runmirrors.conf' ? conf : undefined),
  });
  const ctx = (conf: string): CheckContext => ({ path: '/srv/home/etc/runmirrors.mirror', host: host(conf) });

  it('reports a key file that does not exist, relative to BASEDIR', () => {
    const text = 'all k mirror.example.org archvsync 2 keys/k\n';
    const problems = mirrorListService.validate(text, ctx('BASEDIR=/srv/home\n'));
    const p = problems.find((x) => x.code === 'mirrors/key-file-missing');
    assert.ok(p);
    assert.equal(text.slice(p.start, p.end), 'keys/k');
    assert.match(p.message, /\/srv\/home\/keys\/k/);
  });

  it('reports a missing master key and an unset BASEDIR from runmirrors.conf', () => {
    const text = 'all a mirror.example.org archvsync\n';
    assert.deepEqual(codes(text, ctx('BASEDIR=/srv/home\n')), []);
    const problems = mirrorListService.validate(text, ctx('KEYFILE=.ssh/other\n'));
    assert.deepEqual(
      problems.map((p) => p.code),
      ['mirrors/runmirrors-stops', 'mirrors/runmirrors-stops'],
    );
    assert.match(problems.map((p) => p.message).join(' '), /KEYFILE.*\.ssh\/other.*BASEDIR/s);
  });

  it('does no file checks without host access', () => {
    assert.deepEqual(codes('all k mirror.example.org archvsync 2 /nonexistent/k\n', {}), []);
  });
});
