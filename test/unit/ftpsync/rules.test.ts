import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ftpsyncService } from '../../../server/src/core/ftpsync/service';
import type { CheckContext, FileFacts, HostAccess, Problem } from '../../../server/src/core/types';

// Each rule on good and bad input. Files are read as ~/.config/ftpsync/ftpsync.conf (Debian's
// package) unless a case says otherwise. The effects named in the messages are observed with the real
// ftpsync and rsync in test/integration/ftpsync/.

const PACKAGE = '/home/mirror/.config/ftpsync/ftpsync.conf';
const BASE = 'MIRRORNAME=mirror.example.org\nTO=/srv/mirror/debian\nRSYNC_HOST=upstream.example.org\n';

function codes(text: string, ctx: CheckContext = { path: PACKAGE }): string[] {
  const lineOf = (o: number) => text.slice(0, o).split('\n').length;
  return ftpsyncService.validate(text, ctx).map((p) => `${lineOf(p.start)} ${p.code}`);
}
function problems(text: string, ctx: CheckContext = { path: PACKAGE }): Problem[] {
  return ftpsyncService.validate(text, ctx);
}
function applyFix(text: string, p: Problem): string {
  const edits = [...p.fixes![0].edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('ftpsync.conf rules', () => {
  it('a complete config gets nothing', () => {
    assert.deepEqual(
      codes(
        `${BASE}RSYNC_PATH="debian"\nRSYNC_USER=eu3\nRSYNC_PASSWORD='s3cret'\nINFO_COUNTRY=DE\nARCH_EXCLUDE="i386 source-x"\n`.replace(
          ' source-x',
          '',
        ),
      ),
      [],
    );
  });

  it('syntax: unterminated quotes, stray keywords and NUL bytes', () => {
    assert.deepEqual(codes(`${BASE}EXCLUDE="--exclude=*.iso\n`), ['4 ftpsync/syntax']);
    assert.deepEqual(codes(`${BASE}fi\n`), ['4 ftpsync/syntax']);
    assert.deepEqual(codes(`${BASE}x=a\0b\n`), ['4 ftpsync/syntax']);
  });

  it('stops-ftpsync: ${BASEDIR} under the package, not in an archvsync home', () => {
    assert.deepEqual(codes(`${BASE}LOGDIR="\${BASEDIR}/log"\n`), ['4 ftpsync/stops-ftpsync']);
    assert.match(
      problems(`${BASE}LOGDIR="\${BASEDIR}/log"\n`)[0].message,
      /Debian's ftpsync package does not set BASEDIR/,
    );
    assert.deepEqual(codes(`${BASE}LOGDIR="\${BASEDIR}/log"\n`, { path: '/home/mirror/etc/ftpsync.conf' }), []);
    assert.deepEqual(codes(`${BASE}LOGDIR="\${BASEDIR}/log"\n`, { path: '/srv/x/ftpsync.conf' }), []);
    assert.deepEqual(codes(`${BASE}x=\${MIRRORNAME:?}\ny=\${UNSET:?need it}\n`), ['5 ftpsync/stops-ftpsync']);
    assert.deepEqual(codes(`${BASE}readonly a=1\na=2\n`), ['5 ftpsync/stops-ftpsync']);
  });

  it('temporary-assignment: unquoted blanks, with a quoting fix', () => {
    const text = `${BASE}ARCH_INCLUDE=amd64 arm64 source\n`;
    assert.deepEqual(codes(text), ['4 ftpsync/runs-at-start', '4 ftpsync/temporary-assignment']);
    const p = problems(text).find((x) => x.code === 'ftpsync/temporary-assignment')!;
    assert.equal(applyFix(text, p), `${BASE}ARCH_INCLUDE="amd64 arm64 source"\n`);
    assert.deepEqual(codes(`${BASE}LANG=C true\n`), ['4 ftpsync/runs-at-start']);
  });

  it('local-assignment: declare and typeset inside read_config', () => {
    const text = `MIRRORNAME=m.example.org\ndeclare RSYNC_HOST=upstream.example.org\n`;
    assert.deepEqual(codes(text), ['2 ftpsync/local-assignment', '2 ftpsync/missing-rsync-host']);
    const p = problems(text).find((x) => x.code === 'ftpsync/local-assignment')!;
    assert.equal(applyFix(text, p), 'MIRRORNAME=m.example.org\nRSYNC_HOST=upstream.example.org\n');
    assert.deepEqual(codes(`MIRRORNAME=m.example.org\ndeclare -g RSYNC_HOST=u.example.org\nexport HUB=false\n`), []);
  });

  it('array-assignment: only the first element is read', () => {
    const text = `${BASE}ARCH_INCLUDE=(amd64 source)\n`;
    assert.deepEqual(codes(text), ['4 ftpsync/array-assignment', '4 ftpsync/source-excluded']);
    assert.equal(applyFix(text, problems(text)[0]), `${BASE}ARCH_INCLUDE="amd64 source"\n`);
  });

  it('runs-at-start: commands and substitutions are information, values not guessed', () => {
    const p = problems(
      `MIRRORNAME=\`hostname -f\`\nTO=/srv/m\nRSYNC_HOST=u.example.org\necho hi\nif [ -x /bin/true ]; then HUB=yes; fi\n`,
    );
    assert.deepEqual(
      p.map((x) => [x.code, x.severity]),
      [
        ['ftpsync/runs-at-start', 'information'],
        ['ftpsync/runs-at-start', 'information'],
        ['ftpsync/runs-at-start', 'information'],
      ],
    );
    assert.match(p[0].message, /runs `hostname -f` when ftpsync starts/);
  });

  it('unknown-variable: did-you-mean with a rename fix; helpers, exports and lower case pass', () => {
    const text = `${BASE}ARCH_EXLUDE="i386"\nRSYNC_HOSTS=x\nFULLOGS=true\n`;
    assert.deepEqual(codes(text), [
      '4 ftpsync/unknown-variable',
      '5 ftpsync/unknown-variable',
      '6 ftpsync/unknown-variable',
    ]);
    const [exclude, hosts, fulllogs] = problems(text);
    assert.match(exclude.message, /did you mean ARCH_EXCLUDE/);
    assert.match(hosts.message, /did you mean RSYNC_HOST/);
    assert.match(fulllogs.message, /did you mean FULLLOGS/);
    assert.equal(applyFix(text, exclude), text.replace('ARCH_EXLUDE', 'ARCH_EXCLUDE'));
    assert.deepEqual(
      codes(`BASE=/srv\n${BASE}TO="$BASE/debian"\nexport RSYNC_RSH=ssh\nmirror_root=/srv\nexport FOO=1\n`),
      [],
    );
  });

  it('ignored-variable: LOCK and TRACE from old samples', () => {
    assert.deepEqual(codes(`${BASE}LOCK="\${TO}/lock"\nTRACE=project/trace/x\nKEYFILE=~/.ssh/k\n`), [
      '4 ftpsync/ignored-variable',
      '5 ftpsync/ignored-variable',
      '6 ftpsync/ignored-variable',
    ]);
  });

  it('literal-boolean: HUB=yes and friends, with a fix', () => {
    const text = `${BASE}HUB=yes\nFULLLOGS=True\nERRORSONLY=no\n`;
    assert.deepEqual(codes(text), [
      '4 ftpsync/literal-boolean',
      '5 ftpsync/literal-boolean',
      '6 ftpsync/literal-boolean',
    ]);
    assert.match(problems(text)[0].message, /no downstream is signalled/);
    assert.equal(applyFix(text, problems(text)[0]), text.replace('HUB=yes', 'HUB=true'));
    assert.deepEqual(codes(`${BASE}HUB=true\nHUB=no\nFULLLOGS=false\nERRORSONLY=yes\n`), []);
    assert.deepEqual(codes(`${BASE}HUB="true "\n`), ['4 ftpsync/literal-boolean']);
  });

  it('missing-rsync-host, rsync-host-form and rsync-host-alias', () => {
    assert.deepEqual(codes('MIRRORNAME=m.example.org\nRSYNC_HOST=\n'), ['2 ftpsync/missing-rsync-host']);
    assert.deepEqual(codes('MIRRORNAME=m.example.org\nRSYNC_SOURCE=u.example.org::debian\n'), []);
    for (const host of [
      'u.example.org::debian',
      'rsync://u.example.org',
      'https://u.example.org/debian',
      'u.example.org:873',
      'u.example.org/debian',
    ]) {
      const text = `MIRRORNAME=m.example.org\nRSYNC_HOST=${host}\n`;
      assert.deepEqual(codes(text), ['2 ftpsync/rsync-host-form'], host);
      assert.equal(applyFix(text, problems(text)[0]), 'MIRRORNAME=m.example.org\nRSYNC_HOST=u.example.org\n');
    }
    for (const host of ['ftp.de.debian.org', 'ftp.debian.org', 'deb.debian.org', 'httpredir.debian.org'])
      assert.deepEqual(codes(`MIRRORNAME=m.example.org\nRSYNC_HOST=${host}\n`), ['2 ftpsync/rsync-host-alias'], host);
    assert.deepEqual(codes('MIRRORNAME=m.example.org\nRSYNC_HOST=ftp2.de.debian.org\n'), []);
  });

  it('unknown-transport', () => {
    assert.deepEqual(codes(`${BASE}RSYNC_TRANSPORT=rsync\n`), ['4 ftpsync/unknown-transport']);
    assert.deepEqual(codes(`${BASE}RSYNC_TRANSPORT=ssh\n`), []);
  });

  it('credentials-incomplete, both ways; a password file counts', () => {
    assert.deepEqual(codes(`${BASE}RSYNC_USER=eu3\n`), ['4 ftpsync/credentials-incomplete']);
    assert.deepEqual(codes(`${BASE}RSYNC_PASSWORD=x\n`), ['4 ftpsync/credentials-incomplete']);
    assert.deepEqual(codes(`${BASE}RSYNC_USER=eu3\nRSYNC_EXTRA="--password-file=/home/m/.pw"\n`), []);
  });

  it('mirrorname-unset and mirrorname-not-site-name', () => {
    assert.deepEqual(codes('RSYNC_HOST=u.example.org\n'), ['1 ftpsync/mirrorname-unset']);
    assert.deepEqual(codes('MIRRORNAME=$(hostname -f)\nRSYNC_HOST=u.example.org\n'), ['1 ftpsync/runs-at-start']);
    for (const name of ['Tietar', 'ftp.de.debian.org', 'my mirror'])
      assert.deepEqual(
        codes(`MIRRORNAME="${name}"\nRSYNC_HOST=u.example.org\n`),
        ['1 ftpsync/mirrorname-not-site-name'],
        name,
      );
  });

  it('dangerous-to: empty, relative, / and the home directory', () => {
    for (const to of ['', 'mirror', '/', '/srv', '/srv/', '/home/mirror', '$HOME'])
      assert.deepEqual(
        codes(`MIRRORNAME=m.example.org\nRSYNC_HOST=u.example.org\nTO=${to}\n`),
        ['3 ftpsync/dangerous-to'],
        to,
      );
    assert.deepEqual(codes(`MIRRORNAME=m.example.org\nRSYNC_HOST=u.example.org\nTO=/srv/mirrors/debian/\n`), []);
  });

  it('arch-list-comma, arch-include-and-exclude, unknown-architecture, source-excluded', () => {
    const comma = `${BASE}ARCH_INCLUDE="amd64,source"\n`;
    assert.deepEqual(codes(comma), ['4 ftpsync/arch-list-comma']);
    assert.equal(applyFix(comma, problems(comma)[0]), `${BASE}ARCH_INCLUDE="amd64 source"\n`);
    assert.deepEqual(codes(`${BASE}ARCH_EXCLUDE="arm64, i386"\n`), ['4 ftpsync/arch-list-comma']);
    assert.deepEqual(codes(`${BASE}ARCH_INCLUDE="amd64 source"\nARCH_EXCLUDE=i386\n`), [
      '5 ftpsync/arch-include-and-exclude',
    ]);
    assert.deepEqual(codes(`${BASE}ARCH_INCLUDE="amd64 source"\nARCH_EXCLUDE=""\n`), []);
    const unknown = `${BASE}ARCH_EXCLUDE="x86_64 sh i386"\n`;
    assert.deepEqual(codes(unknown), ['4 ftpsync/unknown-architecture', '4 ftpsync/unknown-architecture']);
    assert.equal(applyFix(unknown, problems(unknown)[0]), `${BASE}ARCH_EXCLUDE="amd64 sh i386"\n`);
    assert.deepEqual(codes(`${BASE}ARCH_EXCLUDE="source"\n`), ['4 ftpsync/source-excluded']);
    assert.deepEqual(codes(`${BASE}ARCH_INCLUDE="amd64"\n`), ['4 ftpsync/source-excluded']);
  });

  it('not-an-option, bad-filter-rule and exclude-arch-or-suite', () => {
    const bare = `${BASE}EXCLUDE="*.iso"\n`;
    assert.deepEqual(codes(bare), ['4 ftpsync/not-an-option']);
    assert.equal(applyFix(bare, problems(bare)[0]), `${BASE}EXCLUDE="--exclude=*.iso"\n`);
    assert.deepEqual(codes(`${BASE}RSYNC_BW="10 MB"\n`), ['4 ftpsync/not-a-number']);
    assert.deepEqual(codes(`${BASE}EXCLUDE="--filter=*.iso"\n`), ['4 ftpsync/bad-filter-rule']);
    const filter = problems(`${BASE}EXCLUDE="--exclude=a --filter=-*.iso"\n`)[0];
    assert.match(filter.message, /invalid modifier '\*' at position 1/);
    assert.deepEqual(codes(`${BASE}EXCLUDE="--exclude=*.iso --filter=-_*.tmp --include=*/ --exclude *.bak"\n`), []);
    // ftpsync word-splits EXCLUDE: a blank inside a --filter value cuts the rule in two.
    assert.deepEqual(codes(`${BASE}EXCLUDE="--filter=- *.tmp"\n`), [
      '4 ftpsync/bad-filter-rule',
      '4 ftpsync/not-an-option',
    ]);
    assert.deepEqual(
      codes(`${BASE}EXCLUDE="--exclude=binary-i386/ --exclude=*_i386.deb --exclude=bullseye* --exclude=*.iso"\n`),
      ['4 ftpsync/exclude-arch-or-suite', '4 ftpsync/exclude-arch-or-suite', '4 ftpsync/exclude-arch-or-suite'],
    );
  });

  it('options-drop-defaults names what is missing and why', () => {
    const p = problems(`${BASE}RSYNC_OPTIONS="-rltvHSB8192 --timeout 3600 --stats"\n`);
    assert.deepEqual(
      p.map((x) => x.code),
      ['ftpsync/options-drop-defaults'],
    );
    assert.match(p[0].message, /--safe-links \(the CVE-2017-8805 fix/);
    assert.deepEqual(codes(`${BASE}RSYNC_OPTIONS="-prltvHSB8192 --safe-links --timeout 120 --stats"\n`), []);
    assert.deepEqual(
      codes(`${BASE}RSYNC_OPTIONS2="--max-delete=40000 --delay-updates --delete --delete-excluded"\n`),
      [],
    );
    assert.deepEqual(codes(`${BASE}RSYNC_OPTIONS2="--delay-updates"\n`), ['4 ftpsync/options-drop-defaults']);
    assert.deepEqual(codes(`${BASE}RSYNC_EXTRA="--port=8873 --contimeout=10"\n`), []);
  });

  it('not-a-number and bad-country', () => {
    assert.deepEqual(
      codes(`${BASE}RSYNC_BW=abc\nLOGROTATE=x\nUIPRETRIES=three\nUIPSLEEP=20m\nRSYNC_BW=10M\n`).slice(0, 2),
      ['5 ftpsync/not-a-number', '6 ftpsync/not-a-number'],
    );
    assert.deepEqual(codes(`${BASE}RSYNC_BW=1.5M\nLOGROTATE=30\n`), []);
    const country = `${BASE}INFO_COUNTRY=de\n`;
    assert.deepEqual(codes(country), ['4 ftpsync/bad-country']);
    assert.equal(applyFix(country, problems(country)[0]), `${BASE}INFO_COUNTRY=DE\n`);
    assert.deepEqual(codes(`${BASE}INFO_COUNTRY=Germany\n`), ['4 ftpsync/bad-country']);
  });

  it('carriage-return, with a fix converting to LF', () => {
    const text = `${BASE}HUB=false\n`.replace(/\n/g, '\r\n');
    const p = problems(text).filter((x) => x.code === 'ftpsync/carriage-return');
    assert.equal(p.length, 1);
    assert.equal(applyFix(text, p[0]), `${BASE}HUB=false\n`);
  });
});

describe('ftpsync.conf rules against this machine (pushMirror.checkFileSystem)', () => {
  const files: Record<string, FileFacts> = {
    '/': { exists: true, isDirectory: true, uid: 0, mode: 0o755 },
    '/srv': { exists: true, isDirectory: true, uid: 0, mode: 0o755 },
    '/srv/file': { exists: true, isDirectory: false, uid: 1000, mode: 0o644 },
    '/srv/mirror': { exists: true, isDirectory: true, uid: 1000, mode: 0o755 },
    '/home': { exists: true, isDirectory: true, uid: 0, mode: 0o755 },
    '/home/mirror': { exists: true, isDirectory: true, uid: 1000, mode: 0o755 },
    '/home/mirror/.config/ftpsync': { exists: true, isDirectory: true, uid: 1000, mode: 0o700 },
    [PACKAGE]: { exists: true, isDirectory: false, uid: 1000, mode: 0o644 },
  };
  const host: HostAccess = {
    homeDir: '/home/mirror',
    uid: 1000,
    stat: (p) => files[p] ?? { exists: false, isDirectory: false },
    readDir: () => undefined,
    readText: () => undefined,
  };
  const ctx = { path: PACKAGE, host };

  it('to-not-directory and logdir-not-creatable', () => {
    assert.deepEqual(codes(`${BASE.replace('/srv/mirror/debian', '/srv/file/debian')}`, ctx), [
      '2 ftpsync/to-not-directory',
    ]);
    assert.deepEqual(codes(`${BASE}LOGDIR=/srv/logs\n`, ctx), ['4 ftpsync/logdir-not-creatable']);
    assert.deepEqual(codes(`${BASE}LOGDIR=/home/mirror/log\n`, ctx), []);
  });

  it('password-readable, with the 0600 fix command', () => {
    const p = problems(`${BASE}RSYNC_USER=eu3\nRSYNC_PASSWORD=s3cret\n`, ctx);
    assert.deepEqual(
      p.map((x) => x.code),
      ['ftpsync/password-readable'],
    );
    assert.match(p[0].message, /mode 0644: every user of this machine can read/);
    assert.deepEqual(p[0].fixes![0].command, {
      id: 'pushMirror.setFileMode',
      title: 'Set this file to 0600',
      arguments: [PACKAGE, 0o600],
    });
    assert.ok(!p[0].message.includes('s3cret'));
    files[PACKAGE] = { ...files[PACKAGE]!, mode: 0o600 };
    assert.deepEqual(codes(`${BASE}RSYNC_USER=eu3\nRSYNC_PASSWORD=s3cret\n`, ctx), []);
  });
});
