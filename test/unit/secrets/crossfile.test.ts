import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSecretsDefinition, referencingModules } from '../../../server/src/core/secrets/crossfile';
import { parseAuth, wildmatch } from '../../../server/src/core/secrets/modules';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { WorkspaceDocument } from '../../../server/src/core/types';
import { CONF_PATH, ctxWith, covered, fakeHost, problems, SECRETS_PATH } from './helpers';

test('module values: strings fall back to the final global value, bools to the global value before the header', () => {
  const auth = parseAuth(
    [
      'strict modes = no',
      'auth users = joe',
      '[a]',
      'path = /a',
      '[b]',
      'auth users = ann:ro',
      'strict modes = yes',
      '[global]',
      'strict modes = yes',
      'secrets file = /etc/s',
      '[c]',
      'secrets file = /etc/c',
      '',
    ].join('\n'),
  );
  const [a, b, c] = auth.modules;
  assert.deepEqual(
    [a.name, a.strictModes, a.secretsFile?.value, a.authUsers?.rules.map((r) => r.text)],
    ['a', false, '/etc/s', ['joe']],
  );
  assert.deepEqual([b.strictModes, b.authUsers?.rules.map((r) => [r.pattern, r.access])], [true, [['ann', 'ro']]]);
  assert.deepEqual([c.strictModes, c.secretsFile?.value], [true, '/etc/c']);
});

test('duplicate module headers merge; a bad boolean keeps the previous value', () => {
  const auth = parseAuth('[m]\nstrict modes = no\n[ M ]\nstrict modes = off\nsecrets file = /s\n');
  assert.equal(auth.modules.length, 1);
  assert.equal(auth.modules[0].strictModes, false);
  assert.equal(auth.modules[0].secretsFile?.value, '/s');
});

test('auth users: split on blanks and commas, or on commas only after a leading comma; suffixes', () => {
  const [m] = parseAuth('[m]\nauth users = joe:RW, @staff:deny\tann:ro bob:xyz\n').modules;
  assert.deepEqual(
    m.authUsers?.rules.map((r) => [r.pattern, r.isGroup, r.access]),
    [
      ['joe', false, 'rw'],
      ['staff', true, 'deny'],
      ['ann', false, 'ro'],
      ['bob', false, undefined],
    ],
  );
  const text = '[m]\nauth users = , @Some Group:deny, admin : rw\n';
  const [n] = parseAuth(text).modules;
  assert.deepEqual(
    n.authUsers?.rules.map((r) => r.pattern),
    ['Some Group', 'admin '],
  );
  assert.equal(
    text.slice(n.authUsers!.rules[0].patternSpan.start, n.authUsers!.rules[0].patternSpan.end),
    'Some Group',
  );
});

test('wildmatch: *, ?, classes; case-sensitive', () => {
  assert.ok(wildmatch('mirror*', 'mirror-eu'));
  assert.ok(wildmatch('j?e', 'joe'));
  assert.ok(wildmatch('[a-c]nn', 'ann'));
  assert.ok(!wildmatch('[!a]nn', 'ann'));
  assert.ok(!wildmatch('Joe', 'joe'));
  assert.ok(!wildmatch('[z-a]', 'a'));
});

test('referencing modules: absolute paths and paths relative to the rsyncd.conf', () => {
  const conf =
    '[a]\nsecrets file = /srv/example/./rsyncd.secrets\nauth users = joe\n[b]\nsecrets file = rsyncd.secrets\n[c]\nsecrets file = /etc/other\n';
  assert.deepEqual(
    referencingModules(ctxWith(conf)).map((r) => r.module.name),
    ['a', 'b'],
  );
  assert.deepEqual(referencingModules({ ...ctxWith(conf), path: undefined }), []);
});

const CONF =
  '[debian]\n  path = /srv/mirror\n  auth users = joe:rw, ann:ro, eve:deny, @staff, mirror*\n  secrets file = /srv/example/rsyncd.secrets\n';

test('secrets/missing-user: users let in by auth users without a line', () => {
  const text = 'joe:pw\n eve:x\n';
  const found = problems(text, ctxWith(CONF), 'secrets/missing-user');
  assert.equal(found.length, 1);
  // Names where the user is let in: the module and the rsyncd.conf line of its auth users.
  assert.match(found[0].message, /^`ann` is let in by `auth users` of `\[debian\]` \(rsyncd\.conf:3\)/);
  // Reported at the end, where the missing line goes, not on line 1 (joe's, which is fine).
  assert.deepEqual([found[0].start, found[0].end], [text.length, text.length]);
  // The fix is a command that the editor runs (it generates the password); it carries no secret.
  assert.deepEqual(found[0].fixes, [
    {
      title: 'Add a line for `ann` with a new password',
      edits: [],
      preferred: true,
      command: {
        id: 'pushMirror.addSecretsLine',
        title: 'Add a line for `ann` with a new password',
        arguments: ['ann', SECRETS_PATH],
      },
    },
  ]);
});

test('secrets/missing-user: `eu3 Tr1ckyNoColon` gets "Insert the colon" first, on that line', () => {
  const conf = '[m]\n  path = /m\n  auth users = joe, eu3\n  secrets file = /srv/example/rsyncd.secrets\n';
  const text = 'joe:pw\neu3 Tr1ckyNoColon\n';
  const [p] = problems(text, ctxWith(conf), 'secrets/missing-user');
  assert.deepEqual([p.start, p.end], [7, 10]);
  assert.match(p.message, /line 2 starts with `eu3` but has no colon/);
  assert.doesNotMatch(JSON.stringify(p), /Tr1cky/);
  assert.deepEqual(
    p.fixes?.map((f) => [f.title, f.preferred ?? false, f.edits]),
    [
      ['Insert the colon after `eu3`', true, [{ start: 10, end: 11, newText: ':' }]],
      ['Add a line for `eu3` with a new password', false, []],
    ],
  );
  // The no-colon rule offers the same edit, preferred because auth users names eu3.
  const [n] = problems(text, ctxWith(conf), 'secrets/no-colon');
  assert.deepEqual(
    n.fixes?.map((f) => [f.title, f.preferred, f.edits]),
    [['Insert the colon after `eu3`', true, [{ start: 10, end: 11, newText: ':' }]]],
  );
});

test('secrets/no-colon: a first word nobody names is not shown, and a lone word gets no fix', () => {
  const [two] = problems('s3cret more\n', ctxWith(CONF), 'secrets/no-colon');
  assert.deepEqual(
    two.fixes?.map((f) => [f.title, f.preferred]),
    [['Insert the colon after the first word', undefined]],
  );
  assert.doesNotMatch(JSON.stringify(two), /s3cret/);
  const [one] = problems('OnlyAPassword\n', ctxWith(CONF), 'secrets/no-colon');
  assert.equal(one.fixes, undefined);
});

test('secrets/missing-user: a line with leading whitespace does not count, and the message says so', () => {
  const [p] = problems('joe:pw\n ann:pw\n', ctxWith(CONF), 'secrets/missing-user');
  assert.match(p.message, /`ann` is let in.*line 2 ` ann:` does not count/);
});

test('secrets/unused-user: users and groups no module lets in, with a spelling hint', () => {
  const text = 'joe:a\nann:b\nmirror-eu:c\nJoe:d\neve:e\n@staff:f\n@ops:g\n';
  // `Joe` might be in group staff, whose rule comes before any rule that matches `Joe`: not reported.
  assert.deepEqual(covered(text, ctxWith(CONF), 'secrets/unused-user'), ['eve', '@ops']);
  const noGroups = CONF.replace(', @staff', '');
  assert.deepEqual(covered(text, ctxWith(noGroups), 'secrets/unused-user'), ['Joe', 'eve', '@staff', '@ops']);
  const [joe] = problems(text, ctxWith(noGroups), 'secrets/unused-user');
  assert.match(joe.message, /did you mean `joe`\?/);
  // Without a referencing rsyncd.conf nothing is known, so nothing is reported.
  assert.deepEqual(problems(text, ctxWith(), 'secrets/unused-user'), []);
});

test('secrets/group-line names the modules whose @group rules read it', () => {
  const [p] = problems('joe:a\nann:b\n@staff:c\n', ctxWith(CONF), 'secrets/group-line');
  assert.match(p.message, /as in `\[debian\]` \(rsyncd\.conf\)/);
});

test('file checks run only with a host, are worded "on this machine", and offer chmod 600', () => {
  const text = 'joe:pw\nann:x\n';
  assert.deepEqual(problems(text, ctxWith(CONF), 'secrets/other-accessible'), []);
  const [p] = problems(text, ctxWith(CONF, { host: fakeHost({ mode: 0o644 }) }), 'secrets/other-accessible');
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /^on this machine the file has mode 0644.*every login to `\[debian\]`/);
  assert.deepEqual(p.fixes?.[0].command, {
    id: 'pushMirror.setFileMode',
    title: 'Set the secrets file to 0600',
    arguments: [SECRETS_PATH, 0o600],
  });
  assert.deepEqual(p.fixes?.[0].edits, []);
  for (const mode of [0o600, 0o640, 0o660, 0o601])
    assert.deepEqual(problems(text, ctxWith(CONF, { host: fakeHost({ mode }) }), 'secrets/other-accessible'), []);
  assert.equal(
    problems(text, ctxWith(CONF, { host: fakeHost({ mode: 0o604 }) }), 'secrets/other-accessible').length,
    1,
  );
});

test('strict modes = no in every referencing module silences both file checks', () => {
  const conf = CONF + '  strict modes = no\n';
  const host = fakeHost({ mode: 0o644, uid: 1000 });
  assert.deepEqual(problems('joe:a\nann:b\n', ctxWith(conf, { host }), 'secrets/other-accessible'), []);
  assert.deepEqual(problems('joe:a\nann:b\n', ctxWith(conf, { host }), 'secrets/not-owned-by-root'), []);
  // With no module known, rsync's default (strict) applies.
  assert.equal(problems('joe:a\n', ctxWith(undefined, { host }), 'secrets/other-accessible').length, 1);
});

test('secrets/not-owned-by-root, unless the config runs the daemon as another user', () => {
  const host = fakeHost({ uid: 65534 });
  const [p] = problems('joe:a\nann:b\n', ctxWith(CONF, { host }), 'secrets/not-owned-by-root');
  assert.match(p.message, /^on this machine the file is owned by uid 65534, not root/);
  assert.deepEqual(
    problems('joe:a\nann:b\n', ctxWith(`daemon uid = rsync\n${CONF}`, { host }), 'secrets/not-owned-by-root'),
    [],
  );
});

test('findSecretsDefinition: from an auth users entry to the secrets line rsync reads', () => {
  const secrets = '# users\njoe:a\n joe:b\njoe:c\nmirror-eu:d\nmirror-us:e\n@staff:f\n';
  const ctx = {
    path: CONF_PATH,
    workspace: [
      { uri: `file://${SECRETS_PATH}`, path: SECRETS_PATH, languageId: 'rsyncd-secrets' as const, text: secrets },
    ],
  };
  const at = (word: string) => CONF.indexOf(word) + 1;
  const joe = findSecretsDefinition(CONF, at('joe:rw'), ctx);
  assert.deepEqual(joe, [{ target: SECRETS_PATH, start: 8, end: 11, uri: `file://${SECRETS_PATH}` }]);
  assert.deepEqual(
    findSecretsDefinition(CONF, at('mirror*'), ctx).map((l) => secrets.slice(l.start, l.end)),
    ['mirror-eu', 'mirror-us'],
  );
  assert.deepEqual(
    findSecretsDefinition(CONF, at('@staff'), ctx).map((l) => secrets.slice(l.start, l.end)),
    ['@staff'],
  );
  assert.deepEqual(findSecretsDefinition(CONF, at('/srv/mirror'), ctx), []);
  // Falls back to the disk through the host when the file is not in the workspace.
  const host = fakeHost({ text: { [SECRETS_PATH]: 'ann:x\n' } });
  assert.deepEqual(findSecretsDefinition(CONF, at('ann:ro'), { path: CONF_PATH, host }), [
    { target: SECRETS_PATH, start: 0, end: 3 },
  ]);
  assert.deepEqual(findSecretsDefinition(CONF, at('ann:ro'), { path: CONF_PATH }), []);
});

test('secrets/missing-user: a commented-out line for the user is where the problem sits', () => {
  const text = '# sample\r\n#ann:PPP\r\n';
  const [p] = problems(text, ctxWith(CONF), 'secrets/missing-user');
  assert.equal(text.slice(p.start, p.end), 'ann');
  assert.match(p.message, /line 2 has it commented out/);
  assert.doesNotMatch(p.message, /PPP/);
});

test('rsyncd/user-without-secret: on the user in auth users, when the secrets file is known', () => {
  const secrets: WorkspaceDocument = {
    uri: `file://${SECRETS_PATH}`,
    path: SECRETS_PATH,
    languageId: 'rsyncd-secrets',
    text: 'joe:pw\n@staff:pw\n',
  };
  const ctx = { path: CONF_PATH, workspace: [secrets] };
  const found = rsyncdService.validate(CONF, ctx).filter((p) => p.code === 'rsyncd/user-without-secret');
  // ann has no line; eve is denied; mirror* names nobody; @staff lines may cover users after it.
  assert.deepEqual(
    found.map((p) => CONF.slice(p.start, p.end)),
    ['ann'],
  );
  assert.deepEqual(found[0].fixes?.[0].command, {
    id: 'pushMirror.addSecretsLine',
    title: 'Add a line for `ann` with a new password to `/srv/example/rsyncd.secrets`',
    arguments: ['ann', SECRETS_PATH],
  });
  // Without the secrets file's text nothing is claimed.
  assert.deepEqual(
    rsyncdService.validate(CONF, { path: CONF_PATH }).filter((p) => p.code === 'rsyncd/user-without-secret'),
    [],
  );
});
