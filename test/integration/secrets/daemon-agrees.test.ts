import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { secretsService } from '../../../server/src/core/secrets/service';
import type { CheckContext, Problem } from '../../../server/src/core/types';
import { CachedHost } from '../../../server/src/node/host';
import { Rsyncd } from '../../support/rsyncd';

// Differential evidence for the secrets rules: each case is a module of one real rsync daemon (as root,
// on 127.0.0.1) with its own secrets file. We try the logins, check the daemon's logged reason, and check
// that our diagnostics agree: a login the text promises but the daemon refuses has a diagnostic on the
// responsible line (or, for file problems, a file-level one); a file that works as written has no error.
// Passwords here are throwaway test values.

interface Login {
  user: string;
  password: string;
  /** What the daemon does. */
  ok: boolean;
  /** The daemon's logged reason when it refuses. */
  reason?: RegExp;
  /** A reader of the file would expect this login to work. */
  promised: boolean;
}

interface Case {
  name: string;
  secrets: string;
  authUsers: string;
  strictModes?: boolean;
  mode?: number;
  owner?: number;
  logins: Login[];
  /** Codes and 1-based lines we expect; `0` for a file-level problem reported on its first line. */
  expect: { code: string; line: number }[];
}

const CASES: Case[] = [
  {
    name: 'leading_space',
    secrets: ' joe:pw-lead\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-lead', ok: false, reason: /secret not found/, promised: true }],
    expect: [
      { code: 'secrets/leading-whitespace', line: 1 },
      { code: 'secrets/missing-user', line: 1 },
    ],
  },
  {
    name: 'trailing_space',
    secrets: 'joe:pw-trail \n',
    authUsers: 'joe',
    logins: [
      { user: 'joe', password: 'pw-trail', ok: false, reason: /password mismatch/, promised: true },
      { user: 'joe', password: 'pw-trail ', ok: true, promised: false },
    ],
    expect: [{ code: 'secrets/trailing-whitespace', line: 1 }],
  },
  {
    name: 'duplicate',
    secrets: 'joe:old-pw\njoe:new-pw\n',
    authUsers: 'joe',
    logins: [
      { user: 'joe', password: 'new-pw', ok: false, reason: /password mismatch/, promised: true },
      { user: 'joe', password: 'old-pw', ok: true, promised: true },
    ],
    expect: [{ code: 'secrets/duplicate-user', line: 2 }],
  },
  {
    name: 'empty_password',
    secrets: 'joe:\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: '', ok: true, promised: true }],
    expect: [{ code: 'secrets/empty-password', line: 1 }],
  },
  {
    name: 'group_rule',
    secrets: '@root:pw-group\n',
    authUsers: '@root',
    logins: [{ user: 'root', password: 'pw-group', ok: true, promised: true }],
    expect: [{ code: 'secrets/group-line', line: 1 }],
  },
  {
    name: 'group_line_only',
    secrets: '@root:pw-group\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-group', ok: false, reason: /secret not found/, promised: true }],
    expect: [
      // At the end of the file, where joe's line belongs.
      { code: 'secrets/missing-user', line: 2 },
      { code: 'secrets/unused-user', line: 1 },
    ],
  },
  {
    name: 'crlf',
    secrets: 'joe:pw-crlf\r\nann:pw-two\r\n',
    authUsers: 'joe ann',
    logins: [
      { user: 'joe', password: 'pw-crlf', ok: true, promised: true },
      { user: 'ann', password: 'pw-two', ok: true, promised: true },
    ],
    expect: [],
  },
  {
    name: 'comment',
    secrets: '# pushers\n#joe:pw-old\njoe:pw-now\n',
    authUsers: 'joe',
    logins: [
      { user: 'joe', password: 'pw-now', ok: true, promised: true },
      { user: 'joe', password: 'pw-old', ok: false, reason: /password mismatch/, promised: false },
    ],
    expect: [],
  },
  {
    name: 'mode_0644_strict',
    secrets: 'joe:pw-mode\n',
    authUsers: 'joe',
    mode: 0o644,
    logins: [{ user: 'joe', password: 'pw-mode', ok: false, reason: /ignoring secrets file/, promised: true }],
    expect: [{ code: 'secrets/other-accessible', line: 0 }],
  },
  {
    name: 'mode_0644_lax',
    secrets: 'joe:pw-mode\n',
    authUsers: 'joe',
    mode: 0o644,
    strictModes: false,
    logins: [{ user: 'joe', password: 'pw-mode', ok: true, promised: true }],
    expect: [],
  },
  {
    name: 'mode_0640_strict',
    secrets: 'joe:pw-mode\n',
    authUsers: 'joe',
    mode: 0o640,
    logins: [{ user: 'joe', password: 'pw-mode', ok: true, promised: true }],
    expect: [],
  },
  {
    name: 'owner_nobody',
    secrets: 'joe:pw-owner\n',
    authUsers: 'joe',
    owner: 65534,
    logins: [{ user: 'joe', password: 'pw-owner', ok: false, reason: /ignoring secrets file/, promised: true }],
    expect: [{ code: 'secrets/not-owned-by-root', line: 0 }],
  },
  {
    name: 'space_before_colon',
    secrets: 'joe :pw-gap\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-gap', ok: false, reason: /secret not found/, promised: true }],
    expect: [
      { code: 'secrets/space-before-colon', line: 1 },
      { code: 'secrets/missing-user', line: 1 },
    ],
  },
  {
    name: 'wrong_case',
    secrets: 'Joe:pw-case\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-case', ok: false, reason: /secret not found/, promised: true }],
    expect: [
      { code: 'secrets/missing-user', line: 2 },
      { code: 'secrets/unused-user', line: 1 },
    ],
  },
  {
    name: 'denied_first',
    secrets: 'joe:pw-deny\n',
    authUsers: 'joe:deny joe:rw',
    logins: [{ user: 'joe', password: 'pw-deny', ok: false, reason: /denied by rule/, promised: true }],
    expect: [{ code: 'secrets/unused-user', line: 1 }],
  },
  {
    name: 'no_colon',
    secrets: 'joe pw-none\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-none', ok: false, reason: /secret not found/, promised: true }],
    expect: [
      { code: 'secrets/no-colon', line: 1 },
      { code: 'secrets/missing-user', line: 1 },
    ],
  },
  {
    name: 'long_line',
    secrets: `joe:${'L'.repeat(1100)}\n`,
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'L'.repeat(1100), ok: false, reason: /password mismatch/, promised: true }],
    expect: [{ code: 'secrets/line-too-long', line: 1 }],
  },
  // Real-world shapes (test/fixtures/rsyncd/real-world/SOURCES.md).
  {
    name: 'bom',
    // Saved as "UTF-8 with BOM" by a Windows editor (cygwin rsync servers are configured that way).
    secrets: '\uFEFFjoe:pw-bom\nann:pw-ann\n',
    authUsers: 'joe ann',
    logins: [
      { user: 'joe', password: 'pw-bom', ok: false, reason: /secret not found/, promised: true },
      { user: 'ann', password: 'pw-ann', ok: true, promised: true },
    ],
    expect: [
      { code: 'secrets/leading-whitespace', line: 1 },
      { code: 'secrets/missing-user', line: 1 },
    ],
  },
  {
    name: 'bom_comment',
    secrets: '\uFEFF# rsync users\njoe:pw-after\n',
    authUsers: 'joe',
    logins: [{ user: 'joe', password: 'pw-after', ok: true, promised: true }],
    expect: [],
  },
  {
    name: 'blank_first_line',
    // A template that renders a leading newline (void-linux's buildsync secrets).
    secrets: '\nbuildsync:pw-blank\n',
    authUsers: 'buildsync:rw',
    logins: [{ user: 'buildsync', password: 'pw-blank', ok: true, promised: true }],
    expect: [],
  },
  {
    name: 'commented_example_crlf',
    // BackupPC's cygwin-rsyncd ships its only user commented out, CRLF line ends.
    secrets: '#\r\n# user:password lines; remove the "#" below\r\n#\r\n#UUU:PPP\r\n',
    authUsers: 'UUU',
    logins: [{ user: 'UUU', password: 'PPP', ok: false, reason: /secret not found/, promised: true }],
    // On the commented-out line, which the message names.
    expect: [{ code: 'secrets/missing-user', line: 4 }],
  },
  {
    name: 'no_final_newline',
    secrets: 'joe:pw-first\nann:pw-last',
    authUsers: 'joe ann',
    logins: [{ user: 'ann', password: 'pw-last', ok: true, promised: true }],
    expect: [],
  },
];

let daemon: Rsyncd;
let dir: string;
let conf: string;

before(async () => {
  dir = Rsyncd.makeDir();
  const modules = CASES.map((c) =>
    [
      `[${c.name}]`,
      '  path = {{DIR}}',
      `  auth users = ${c.authUsers}`,
      `  secrets file = {{DIR}}/${c.name}.secrets`,
      ...(c.strictModes === false ? ['  strict modes = no'] : []),
    ].join('\n'),
  );
  conf = `use chroot = no\n${modules.join('\n')}\n`;
  for (const c of CASES) {
    const file = path.join(dir, `${c.name}.secrets`);
    fs.writeFileSync(file, c.secrets);
    fs.chmodSync(file, c.mode ?? 0o600);
    if (c.owner !== undefined) fs.chownSync(file, c.owner, c.owner);
  }
  const started = await Rsyncd.start(conf, dir);
  assert.ok(started.daemon, started.startupFailure?.log);
  daemon = started.daemon;
});
after(async () => {
  await daemon?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function diagnose(c: Case): Problem[] {
  const file = path.join(dir, `${c.name}.secrets`);
  const ctx: CheckContext = {
    path: file,
    host: new CachedHost(),
    workspace: [
      {
        uri: `file://${daemon.configFile}`,
        path: daemon.configFile,
        languageId: 'rsyncd-conf',
        text: conf.replaceAll('{{DIR}}', dir),
      },
    ],
  };
  return secretsService.validate(c.secrets, ctx);
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

for (const c of CASES) {
  test(`daemon and diagnostics agree: ${c.name}`, async () => {
    const problems = diagnose(c);
    const refusedPromise: Login[] = [];
    for (const login of c.logins) {
      const before = daemon.readLog().length;
      const r = await daemon.access(c.name, { user: login.user, password: login.password });
      const log = daemon.readLog().slice(before);
      assert.equal(r.code === 0, login.ok, `${c.name} ${login.user}: exit ${r.code} ${r.stderr}\n${log}`);
      if (!login.ok) {
        assert.match(r.stderr, /@ERROR: auth failed on module/);
        if (login.reason) assert.match(log, login.reason, log);
        if (login.promised) refusedPromise.push(login);
      }
    }
    const found = problems.map((p) => ({
      code: p.code,
      line: p.start === 0 && p.code.match(/other-accessible|not-owned/) ? 0 : lineOf(c.secrets, p.start),
    }));
    assert.deepEqual(
      found.map((f) => `${f.code}@${f.line}`).sort(),
      c.expect.map((e) => `${e.code}@${e.line}`).sort(),
      JSON.stringify(problems.map((p) => p.message)),
    );
    // The general claim: a refused login that the text promises has an error or warning; otherwise no error.
    if (refusedPromise.length) assert.ok(problems.some((p) => p.severity === 'error' || p.severity === 'warning'));
    else
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error'),
        [],
      );
    // And no diagnostic quotes a password of this case.
    for (const p of problems)
      for (const l of c.logins) if (l.password.length > 2) assert.ok(!p.message.includes(l.password), p.message);
  });
}
