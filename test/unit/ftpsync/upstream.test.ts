import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ftpsyncService } from '../../../server/src/core/ftpsync/service';
import type { CheckContext, WorkspaceDocument } from '../../../server/src/core/types';

// The downstream's ftpsync.conf against its upstream's rsyncd.conf and secrets file in the workspace
// (one folder or multi-root), and the rule that matters most here: the password is compared, never shown.

const RSYNCD = [
  'uid = nobody',
  '[debian]',
  '  path = /srv/mirror/debian',
  '  comment = Debian archive',
  '  auth users = eu3, eu4:deny',
  '  secrets file = /etc/rsyncd.secrets',
  '[Security]',
  '  path = /srv/mirror/security',
  '',
].join('\n');
const SECRETS = 'eu3:Right-Password-1\neu4:other\n';
const upstream = (secrets = SECRETS): WorkspaceDocument[] => [
  { uri: 'file:///up/etc/rsyncd.conf', path: '/up/etc/rsyncd.conf', languageId: 'rsyncd-conf', text: RSYNCD },
  { uri: 'file:///up/etc/rsyncd.secrets', path: '/up/etc/rsyncd.secrets', languageId: 'rsyncd-secrets', text: secrets },
];
const PATH = '/down/.config/ftpsync/ftpsync.conf';
const conf = (extra: string) =>
  `MIRRORNAME=mirror.example.org\nTO=/srv/down\nRSYNC_HOST=upstream.example.org\n${extra}`;
const ctx = (workspace = upstream()): CheckContext => ({ path: PATH, workspace });
const codes = (text: string, c = ctx()) => ftpsyncService.validate(text, c).map((p) => p.code);

describe('checked against the upstream in the workspace', () => {
  it('a module, user and password that match get nothing, and the hover says it matches', () => {
    const text = conf('RSYNC_PATH=debian\nRSYNC_USER=eu3\nRSYNC_PASSWORD=Right-Password-1\n');
    assert.deepEqual(codes(text), []);
    const hover = ftpsyncService.hover!(text, text.indexOf('RSYNC_PASSWORD'), ctx())!;
    assert.match(hover.markdown, /Matches the password of this user in `\[debian\]`/);
    assert.ok(!hover.markdown.includes('Right-Password-1'));
  });

  it('unknown-module: a module the upstream lacks, and one that differs in case', () => {
    assert.deepEqual(codes(conf('RSYNC_PATH=debian-archive\n')), ['ftpsync/unknown-module']);
    const text = conf('RSYNC_PATH=security\n');
    const [p] = ftpsyncService.validate(text, ctx());
    assert.equal(p.code, 'ftpsync/unknown-module');
    assert.match(p.message, /the upstream's module is `Security`/);
    assert.equal(p.fixes![0].edits[0].newText, 'Security');
    assert.deepEqual(codes(conf('RSYNC_PATH=debian/dists\n')), []);
  });

  it('user-not-allowed: a user auth users does not list, or denies', () => {
    assert.deepEqual(codes(conf('RSYNC_USER=eu9\nRSYNC_PASSWORD=x\n')), ['ftpsync/user-not-allowed']);
    assert.deepEqual(codes(conf('RSYNC_USER=eu4\nRSYNC_PASSWORD=other\n')), ['ftpsync/user-not-allowed']);
  });

  it('password-mismatch: a different password, or no line for the user; trailing blanks count', () => {
    assert.deepEqual(codes(conf('RSYNC_USER=eu3\nRSYNC_PASSWORD=wrong\n')), ['ftpsync/password-mismatch']);
    assert.deepEqual(
      codes(conf('RSYNC_USER=eu3\nRSYNC_PASSWORD=Right-Password-1\n'), ctx(upstream('eu3:Right-Password-1 \n'))),
      ['ftpsync/password-mismatch'],
    );
    assert.deepEqual(codes(conf('RSYNC_USER=eu3\nRSYNC_PASSWORD=x\n'), ctx(upstream('eu4:other\n'))), [
      'ftpsync/password-mismatch',
    ]);
  });

  it("this mirror's own rsyncd.conf (a module serving TO) is not its upstream", () => {
    const own = conf('RSYNC_PATH=debian\nRSYNC_USER=eu3\nRSYNC_PASSWORD=wrong\n').replace(
      'TO=/srv/down',
      'TO=/srv/mirror/debian/',
    );
    assert.deepEqual(codes(own), []);
  });

  it('no rsyncd.conf in the workspace, nothing is judged', () => {
    assert.deepEqual(codes(conf('RSYNC_PATH=nope\nRSYNC_USER=eu9\nRSYNC_PASSWORD=x\n'), { path: PATH }), []);
  });

  it('completion offers the upstream modules and its users', () => {
    const path = conf('RSYNC_PATH=');
    assert.deepEqual(
      ftpsyncService.complete!(path, path.length, ctx()).map((e) => e.label),
      ['debian', 'Security'],
    );
    const user = conf('RSYNC_PATH=debian\nRSYNC_USER=');
    assert.deepEqual(
      ftpsyncService.complete!(user, user.length, ctx()).map((e) => e.label),
      ['eu3'],
    );
  });
});

describe('the password never leaves the comparison', () => {
  it('10,000 random passwords: no message, hover, symbol, completion or lens contains one', () => {
    let seed = 99;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 12) % n;
    };
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@%+=';
    for (let i = 0; i < 10000; i++) {
      const len = 6 + rand(20);
      let password = '';
      for (let k = 0; k < len; k++) password += chars[rand(chars.length)];
      const stored = rand(2) ? password : `${password}x`;
      const quoted = rand(2) ? `'${password}'` : password;
      const text = conf(`RSYNC_PATH=debian\nRSYNC_USER=${rand(3) ? 'eu3' : 'eu9'}\nRSYNC_PASSWORD=${quoted}\n`);
      const c = ctx(upstream(`eu3:${stored}\n`));
      const seen: string[] = [];
      for (const p of ftpsyncService.validate(text, c))
        seen.push(p.message, ...(p.fixes ?? []).flatMap((f) => [f.title, JSON.stringify(f.command ?? {})]));
      for (const offset of [text.indexOf('RSYNC_PASSWORD'), text.indexOf(quoted) + 1, text.indexOf('RSYNC_USER')])
        seen.push(ftpsyncService.hover!(text, offset, c)?.markdown ?? '');
      seen.push(JSON.stringify(ftpsyncService.symbols!(text, c).filter((s) => s.name === 'RSYNC_PASSWORD')));
      seen.push(JSON.stringify(ftpsyncService.codeLenses!(text, c)));
      const end = text.indexOf('RSYNC_PASSWORD=') + 'RSYNC_PASSWORD='.length;
      seen.push(JSON.stringify(ftpsyncService.complete!(text, end, c)));
      for (const s of seen) assert.ok(!s.includes(password), `password leaked in ${s.slice(0, 200)}`);
    }
  });
});
