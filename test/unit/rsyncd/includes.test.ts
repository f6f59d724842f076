import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daemonPath, expansion, MAX_INCLUDED_FILES } from '../../../server/src/core/rsyncd/includes';
import { parseRsyncd } from '../../../server/src/core/rsyncd/parser';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { lineIndex } from '../../../server/src/core/text';
import type { CheckContext, HostAccess } from '../../../server/src/core/types';

/** A file system of plain text files; directories are the prefixes of the file paths. */
function fakeHost(files: Record<string, string>): HostAccess {
  const isDir = (p: string) => Object.keys(files).some((f) => f.startsWith(p.replace(/\/?$/, '/')));
  return {
    stat: (p) =>
      p in files
        ? { exists: true, isDirectory: false, mode: 0o600, uid: 0 }
        : isDir(p)
          ? { exists: true, isDirectory: true }
          : { exists: false, isDirectory: false },
    readDir: (p) =>
      isDir(p)
        ? [
            ...new Set(
              Object.keys(files)
                .filter((f) => f.startsWith(p + '/'))
                .map((f) => f.slice(p.length + 1).split('/')[0]),
            ),
          ]
        : undefined,
    readText: (p) => files[p],
    homeDir: '/root',
    uid: 0,
  };
}

const check = (text: string, files: Record<string, string>) => {
  // `/srv` exists as a directory, so `path = /srv` passes the file checks.
  const ctx: CheckContext = { host: fakeHost({ '/srv/.keep': '', ...files }), path: '/etc/rsyncd.conf' };
  const lineOf = lineIndex(text);
  return rsyncdService
    .validate(text, ctx)
    .map((p) => ({ line: lineOf(p.start).line + 1, code: p.code.replace('rsyncd/', ''), message: p.message }));
};

test('modules of an included directory count: a duplicate across files is reported on the directive', () => {
  const text = '[pub]\n    path = /srv\n&include /etc/rsyncd.d\n';
  const problems = check(text, {
    '/etc/rsyncd.d/a.conf': '[PUB]\n    comment = again\n',
    '/etc/rsyncd.d/b.inc': '[skipped]\n',
  });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['3 duplicate-module'],
  );
  assert.match(problems[0].message, /already defined on line 1 .*\(in \/etc\/rsyncd\.d\/a\.conf line 1\)/);
});

test('a module in an included file with auth users and no secrets file', () => {
  const text = '&include /etc/extra.conf\n';
  const problems = check(text, { '/etc/extra.conf': '[priv]\n    path = /srv\n    auth users = joe\n' });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['1 auth-without-secrets-file'],
  );
  assert.match(problems[0].message, /\[priv\].*\(in \/etc\/extra\.conf line 3\)/);
});

test('`&merge` globals leak to later modules; `&include` globals do not', () => {
  const merged = check('&merge /etc/g.inc\n[m]\n    auth users = joe\n', {
    '/etc/g.inc': 'path = /srv\nsecrets file = /etc/s\n',
    '/etc/s': 'joe:pw\n',
  });
  assert.deepEqual(
    merged.map((p) => p.code),
    [],
  );
  const included = check('&include /etc/g.conf\n[m]\n    auth users = joe\n', {
    '/etc/g.conf': 'path = /srv\nsecrets file = /etc/s\n',
    '/etc/s': 'joe:pw\n',
  });
  assert.deepEqual(included.map((p) => `${p.line} ${p.code}`).sort(), [
    '2 missing-path',
    '3 auth-without-secrets-file',
  ]);
});

test('after `&include` the reader is in the global section; after `&merge` it stays in the merged module', () => {
  const files = { '/etc/x.conf': '[x]\n    path = /srv\n', '/etc/y.inc': '[y]\n    path = /srv\n' };
  const doc = parseRsyncd(
    '[m]\n    path = /srv\n&include /etc/x.conf\n    comment = global now\n&merge /etc/y.inc\n    comment = for y\n',
  );
  const exp = expansion(doc, { host: fakeHost(files) });
  const [m, x, y] = exp.modules;
  assert.deepEqual(
    exp.modules.map((v) => v.name),
    ['m', 'x', 'y'],
  );
  assert.equal(m.own('comment'), undefined);
  assert.equal(x.get('comment')?.value, 'global now');
  assert.equal(y.own('comment')?.value, 'for y');
});

test('problems inside an included file are reported on the directive with file and line', () => {
  const problems = check('&include /etc/extra.conf\n', {
    '/etc/extra.conf': '[e]\n    path = /srv\n    list = maybe\n',
  });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['1 bad-boolean'],
  );
  assert.match(problems[0].message, /\(in \/etc\/extra\.conf line 3\)$/);
});

test('include cycles and self-inclusion are reported, not followed forever', () => {
  const problems = check('&include /etc/a.conf\n', {
    '/etc/a.conf': '&include /etc/b.conf\n',
    '/etc/b.conf': '&include /etc/a.conf\n',
  });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['1 include-problem'],
  );
  assert.match(problems[0].message, /includes itself/);
  const self = check('&merge /etc/rsyncd.conf\n[m]\n    path = /srv\n', { '/etc/rsyncd.conf': '' });
  assert.deepEqual(
    self.map((p) => p.code),
    ['include-problem'],
  );
});

test('without host access includes are not read', () => {
  assert.deepEqual(
    rsyncdService.validate('&include /etc/extra.conf\n', {}).map((p) => p.code),
    [],
  );
});

test('daemonPath: relative paths are opened from the daemon working directory, / by default', () => {
  assert.equal(daemonPath('/etc/x.conf'), '/etc/x.conf');
  assert.equal(daemonPath('x.conf'), '/x.conf');
  assert.equal(daemonPath('./etc/../etc/rsyncd.d/'), '/etc/rsyncd.d/');
  assert.equal(daemonPath('../../x.conf'), '/x.conf');
  assert.equal(daemonPath('rsyncd.d/a.conf', '/etc'), '/etc/rsyncd.d/a.conf');
});

test('a relative include is read from /, not from the folder of the file that names it', () => {
  // The file exists beside /etc/rsyncd.conf only: the daemon (cwd /) cannot open it.
  const beside = check('&include rsyncd.d/extra.conf\n', { '/etc/rsyncd.d/extra.conf': '[x]\n    path = /srv\n' });
  assert.deepEqual(
    beside.map((p) => `${p.line} ${p.code}`),
    ['1 include-not-found'],
  );
  assert.match(
    beside[0].message,
    /relative: the daemon opens it from its working directory .* as `\/rsyncd\.d\/extra\.conf`.*the daemon refuses to start\. It exists beside this file as `\/etc\/rsyncd\.d\/extra\.conf`/,
  );
  const fix = rsyncdService.validate('&include rsyncd.d/extra.conf\n', {
    host: fakeHost({ '/etc/rsyncd.d/extra.conf': '' }),
    path: '/etc/rsyncd.conf',
  })[0].fixes?.[0];
  assert.deepEqual(fix?.edits, [{ start: 9, end: 28, newText: '/etc/rsyncd.d/extra.conf' }]);
  // Missing everywhere: the plain message without a fix.
  const nowhere = rsyncdService.validate('[m]\n    path = /srv\n&merge nothere.inc\n', {
    host: fakeHost({ '/srv/.keep': '' }),
    path: '/etc/rsyncd.conf',
  });
  assert.deepEqual(
    nowhere.map((p) => p.code),
    ['rsyncd/include-not-found'],
  );
  assert.match(
    nowhere[0].message,
    /as `\/nothere\.inc`, which does not exist on this machine, so every client connection fails\.$/,
  );
  assert.deepEqual(nowhere[0].fixes ?? [], []);
});

test('a relative include that exists from / is read: its modules count', () => {
  const problems = check('&include etc/rsyncd.d\n[a]\n    path = /srv\n', {
    '/etc/rsyncd.d/a.conf': '[A]\n    path = /srv\n',
  });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['2 duplicate-module'],
  );
  const doc = parseRsyncd('&include etc/rsyncd.d\n');
  const exp = expansion(doc, {
    host: fakeHost({ '/etc/rsyncd.d/a.conf': '[A]\n    path = /srv\n' }),
    path: '/etc/rsyncd.conf',
  });
  assert.deepEqual(
    exp.files.map((f) => f.path),
    ['/etc/rsyncd.d/a.conf'],
  );
  assert.deepEqual(
    rsyncdService.links!('&include etc/x.conf\n', {}).map((l) => l.target),
    ['/etc/x.conf'],
  );
  assert.deepEqual(rsyncdService.dependencies!('&merge x.inc\n', {}), ['/x.inc']);
});

test('hover of a directive lists the files it reads and their modules; of a module, the included files that also define it', () => {
  const files = {
    '/srv/.keep': '',
    '/etc/rsyncd.d/a.conf': '[debian]\n    comment = again\n[extra]\n    path = /srv\n',
    '/etc/rsyncd.d/b.conf': 'timeout = 60\n',
  };
  const ctx: CheckContext = { host: fakeHost(files), path: '/etc/rsyncd.conf' };
  const text = '[debian]\n    path = /srv\n&include etc/rsyncd.d\n&merge /nothere.inc\n';
  const onDirective = rsyncdService.hover!(text, text.indexOf('&include') + 2, ctx);
  assert.match(onDirective!.markdown, /A relative path: .* as `\/etc\/rsyncd\.d`/);
  assert.match(
    onDirective!.markdown,
    /Reads on this machine:\n- `\/etc\/rsyncd\.d\/a\.conf`: \[debian\], \[extra\]\n- `\/etc\/rsyncd\.d\/b\.conf`: no modules$/,
  );
  assert.match(
    rsyncdService.hover!(text, text.indexOf('&merge') + 2, ctx)!.markdown,
    /On this machine `\/nothere\.inc` gives no file to read\.$/,
  );
  assert.match(
    rsyncdService.hover!(text, 2, ctx)!.markdown,
    /Also defined in `\/etc\/rsyncd\.d\/a\.conf` line 1; rsync merges every definition into one module\.$/,
  );
  // Without access to this machine's files the hover says only what the text says.
  assert.doesNotMatch(rsyncdService.hover!(text, 2, {})!.markdown, /Also defined/);
  assert.doesNotMatch(rsyncdService.hover!(text, text.indexOf('&include') + 2, {})!.markdown, /Reads on this machine/);
});

test('the outline shows included files and their modules under the directive, inside the document', () => {
  const files = {
    '/srv/.keep': '',
    '/etc/rsyncd.d/a.conf': '[debian]\n    comment = Debian archive\n[extra]\n    path = /srv\n',
  };
  const ctx: CheckContext = { host: fakeHost(files), path: '/etc/rsyncd.conf' };
  const text = '&include /etc/rsyncd.d\n[local]\n    path = /srv\n';
  const symbols = rsyncdService.symbols!(text, ctx);
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['global', '[local]'],
  );
  const [directive] = symbols[0].children!;
  assert.equal(directive.name, '&include /etc/rsyncd.d');
  assert.deepEqual(
    directive.children!.map((f) => [f.name, f.kind]),
    [['/etc/rsyncd.d/a.conf', 'file']],
  );
  assert.deepEqual(
    directive.children![0].children!.map((m) => [m.name, m.detail]),
    [
      ['[debian]', 'Debian archive'],
      ['[extra]', ''],
    ],
  );
  // Every range lies in this document, inside its parent's range (LSP requires it).
  const inside = (s: (typeof symbols)[number], parent: { start: number; end: number }) => {
    assert.ok(s.start >= parent.start && s.end <= parent.end && s.end <= text.length, s.name);
    for (const c of s.children ?? []) inside(c, s);
  };
  for (const s of symbols) inside(s, { start: 0, end: text.length });
  // Without file access: the outline of the text alone.
  assert.deepEqual(
    rsyncdService.symbols!(text).map((s) => s.name),
    ['[local]'],
  );
});

test('a relative secrets file, path or lock file is looked up from /, with a fix when it sits beside the config', () => {
  const problems = check('[m]\n    path = srv\n    auth users = joe\n    secrets file = rsyncd.secrets\n', {
    '/etc/rsyncd.secrets': 'joe:pw\n',
  });
  assert.deepEqual(
    problems.map((p) => `${p.line} ${p.code}`),
    ['4 file-not-found'],
  );
  assert.match(
    problems[0].message,
    /`rsyncd\.secrets` is relative: the daemon opens it from its working directory .* as `\/rsyncd\.secrets`, which does not exist on this machine; .*every login fails.*beside this file as `\/etc\/rsyncd\.secrets`/,
  );
  const fix = rsyncdService
    .validate('[m]\n    path = /srv\n    secrets file = rsyncd.secrets\n', {
      host: fakeHost({ '/srv/.keep': '', '/etc/rsyncd.secrets': '' }),
      path: '/etc/rsyncd.conf',
    })
    .find((p) => p.code === 'rsyncd/file-not-found')?.fixes?.[0];
  assert.equal(fix?.edits[0].newText, '/etc/rsyncd.secrets');
  // `temp dir` is relative to the module, not to the daemon's working directory: not judged.
  assert.deepEqual(
    check('[m]\n    path = /srv\n    temp dir = .tmp\n', {}).map((p) => p.code),
    [],
  );
});

/**
 * fakeHost, counting the config files read (not /etc/passwd and /etc/group, which the uid/gid checks
 * read), and failing past a few thousand: the follower that tried every order would otherwise run for minutes.
 */
function countingHost(files: Record<string, string>): { host: HostAccess; reads: () => number } {
  const host = fakeHost(files);
  let reads = 0;
  const readText = (p: string) => {
    if (!p.startsWith('/etc/passwd') && !p.startsWith('/etc/group') && ++reads > 5000)
      throw new Error(`read more than 5000 files`);
    return host.readText(p);
  };
  return { host: { ...host, readText }, reads: () => reads };
}

// The issue's shape: every file of a directory includes the directory. The follower tried every order of
// the files (N=7: 6.7 s, N=8: over 60 s and 1.4 GB). rsync 3.5.0 reads f0, includes the directory again,
// reads f0 again, and so on until it crashes (SIGSEGV; with 1,024 file descriptors: exit 1, "Failed to
// parse config file"), so it never gets past the first file: one cycle, found after one read.
test('a directory whose files each include it is one cycle, found after the first file', { timeout: 30_000 }, () => {
  const files: Record<string, string> = { '/srv/.keep': '' };
  for (let i = 0; i < 8; i++) files[`/etc/rsyncd.d/f${i}.conf`] = `&include /etc/rsyncd.d\n[m${i}]\n    path = /srv\n`;
  const { host, reads } = countingHost(files);
  const ctx: CheckContext = { host, path: '/etc/rsyncd.conf' };
  const text = '&include /etc/rsyncd.d\n[local]\n    path = /srv\n';
  const problems = rsyncdService.validate(text, ctx);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['rsyncd/include-problem'],
  );
  assert.equal(
    problems[0].message,
    '`&include`: /etc/rsyncd.d/f0.conf includes itself (/etc/rsyncd.d/f0.conf → /etc/rsyncd.d/f0.conf); rsync recurses until it crashes, so the daemon refuses to start.',
  );
  assert.ok(reads() <= 2, `${reads()} files read`);
  // Hover and outline use the same expansion: they answer too.
  assert.match(rsyncdService.hover!(text, 2, ctx)!.markdown, /On this machine: .*includes itself/);
  assert.deepEqual(
    rsyncdService.symbols!(text, ctx).map((s) => s.name),
    ['global', '[local]'],
  );
});

test(
  'includes that fan out without a cycle stop at the reading budget, with a note on the directive',
  { timeout: 60_000 },
  () => {
    // Six levels of ten files, each including the next level: a million reads for rsync, legal but absurd.
    const files: Record<string, string> = { '/srv/.keep': '' };
    for (let level = 0; level < 6; level++)
      for (let i = 0; i < 10; i++)
        files[`/etc/l${level}/f${i}.conf`] =
          `${level < 5 ? `&include /etc/l${level + 1}\n` : ''}[m${level}x${i}]\n    path = /srv\n`;
    const { host, reads } = countingHost(files);
    const exp = expansion(parseRsyncd('&include /etc/l0\n'), { host, path: '/etc/rsyncd.conf' });
    assert.equal(exp.files.length, MAX_INCLUDED_FILES);
    assert.ok(reads() <= MAX_INCLUDED_FILES + 1, `${reads()} files read`);
    assert.deepEqual(
      exp.loops.map((l) => [l.fatal, l.message.replace(/ at \S+,/, ' at …,')]),
      [
        [
          false,
          `the includes read more than ${MAX_INCLUDED_FILES} files or 16 MiB in all; Push Mirror stopped following them at …, so what they read after that was not checked`,
        ],
      ],
    );
  },
);

test('an include of a FIFO or a device is fatal for rsync and never read here', () => {
  const plain = fakeHost({ '/srv/.keep': '' });
  const host: HostAccess = {
    ...plain,
    stat: (p) =>
      p === '/run/pipe.conf' ? { exists: true, isDirectory: false, special: 'a FIFO (named pipe)' } : plain.stat(p),
    readText: (p) => (p === '/run/pipe.conf' ? assert.fail(`read ${p}`) : plain.readText(p)),
  };
  const problems = rsyncdService.validate('[m]\n    path = /srv\n&include /run/pipe.conf\n', {
    host,
    path: '/etc/rsyncd.conf',
  });
  assert.deepEqual(
    problems.map((p) => [p.code, p.message]),
    [
      [
        'rsyncd/include-problem',
        '`&include`: /run/pipe.conf is a FIFO (named pipe), not a regular file: rsync cannot read it, so every client connection fails.',
      ],
    ],
  );
});
