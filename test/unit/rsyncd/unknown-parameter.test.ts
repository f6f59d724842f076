import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { suggest } from '../../../server/src/core/rsyncd/rules/unknown-parameter';
import { typos } from './edits';

const codes = (text: string) => rsyncdService.validate(text, {}).filter((p) => p.code === 'rsyncd/unknown-parameter');

test('a typo in a module is reported on the name with a suggestion and a fix', () => {
  const text = '[debian]\n  path = /srv\n  reed only = yes\n';
  const [problem, ...rest] = codes(text);
  assert.equal(rest.length, 0);
  assert.equal(text.slice(problem.start, problem.end), 'reed only');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /unknown parameter `reed only`; did you mean `read only`\?/);
  assert.deepEqual(problem.fixes?.[0].edits, [{ start: problem.start, end: problem.end, newText: 'read only' }]);
});

test('names are compared ignoring case and whitespace, like rsync', () => {
  assert.deepEqual(codes('READ ONLY = yes\nreadonly = no\nr e a d o n l y = 1\nPoSt-XfEr ExEc = /bin/true\n'), []);
});

test('underscores, dashes and aliases rsync does not have are unknown', () => {
  const found = codes(
    'read_only = yes\nhosts-allow = 1.2.3.4\nbind address = ::1\nrsync port = 873\npostxfer exec = x\n',
  );
  assert.equal(found.length, 5);
  assert.deepEqual(suggest('read_only'), ['read only']);
  assert.deepEqual(suggest('hosts-allow'), ['hosts allow']);
  assert.deepEqual(suggest('bind address'), ['address']);
  assert.deepEqual(suggest('rsync port'), ['port']);
  assert.deepEqual(suggest('postxfer exec'), ['post-xfer exec']);
});

test('a name far from every parameter gets no suggestion', () => {
  const [problem] = codes('frobnicate = 1\n');
  assert.doesNotMatch(problem.message, /did you mean/);
  assert.equal(problem.fixes, undefined);
});

test('the rule level can be changed or switched off', () => {
  assert.equal(
    rsyncdService.validate('reed only = 1', {}, { levels: { 'rsyncd/unknown-parameter': 'warning' } })[0].severity,
    'warning',
  );
  assert.deepEqual(rsyncdService.validate('reed only = 1', {}, { levels: { 'rsyncd/unknown-parameter': 'off' } }), []);
});

test('openSUSE SLP parameters (in its default rsyncd.conf and in DD-WRT) are unknown here, and said where they come from', () => {
  const found = codes('slp refresh = 300\nuse slp = false\n');
  assert.equal(found.length, 2);
  for (const p of found) {
    assert.match(p.message, /openSUSE's SLP patch/);
    assert.equal(p.fixes, undefined);
  }
});

// Each suggestion costs an edit distance against every parameter name, so 300,000 distinct typos took
// about a minute. A file gets suggestions for its first 1,000 distinct unknown names; the rest are
// still reported, with the plain message.
test('a file of many distinct typos gets suggestions for the first 1,000 names only', () => {
  const names = typos(1500);
  const text = names.map((n) => `${n} = yes`).join('\n');
  const problems = codes(text);
  assert.equal(problems.length, 1500);
  const suggested = problems.map((p) => /did you mean/.test(p.message));
  assert.deepEqual([suggested.slice(0, 1000).every(Boolean), suggested.slice(1000).some(Boolean)], [true, false]);
  // A name seen before keeps its (remembered) suggestion past the budget.
  assert.match(codes(`${text}\n${names[0]} = no`).at(-1)!.message, /did you mean/);
});
