import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';

// A line without `=` is logged ("Ignoring badly formed line") and skipped (params.c). Real-world: the
// linuxsir.org tutorial writes `ignore errors` alone. Daemon evidence: case bare-boolean-name.
test('a bare parameter name says which default stays and how to write it, with a fix for booleans', () => {
  const text = '[m]\npath = /x\nignore errors\n';
  const [p] = rsyncdService.validate(text, {});
  assert.equal(p.code, 'rsyncd/line-without-equals');
  assert.match(p.message, /`ignore errors` keeps its default \(false\)\. Write `ignore errors = yes`/);
  const edit = p.fixes![0].edits[0];
  assert.equal(
    text.slice(0, edit.start) + edit.newText + text.slice(edit.end),
    '[m]\npath = /x\nignore errors = yes\n',
  );
  assert.match(rsyncdService.validate('[m]\npath = /x\ncomment\n', {})[0].message, /Write `comment = …`/);
});

// The hint looked up every word prefix of the line, each joined again: 117 KB of words took 51 s. Now
// the prefixes stop once they are longer than any parameter name, and the value is the rest of the line.
test('a line of many words is judged on its first words only, and the hint keeps the rest as the value', () => {
  const line = 'read only yes '.repeat(Math.ceil((117 * 1024) / 14)).trimEnd();
  const problems = rsyncdService.validate(`${line}\n`, {});
  assert.deepEqual(
    problems.map((p) => p.code),
    ['rsyncd/line-without-equals'],
  );
  assert.equal(
    problems[0].message,
    `no \`=\` on this line: rsync ignores it ("Ignoring badly formed line"). Did you mean \`read only = ${line.slice('read only '.length)}\`?`,
  );
  // rsync ignores blanks inside names, so spaced-out words name a parameter too; the words after it are the value.
  assert.match(rsyncdService.validate('r e a d only yes\n', {})[0].message, /Did you mean `read only = yes`\?$/);
  assert.match(
    rsyncdService.validate(`hosts allow ${'192.0.2.1 '.repeat(5)}\n`, {})[0].message,
    /Did you mean `hosts allow = 192\.0\.2\.1 192\.0\.2\.1 192\.0\.2\.1 192\.0\.2\.1 192\.0\.2\.1`\?$/,
  );
  assert.doesNotMatch(rsyncdService.validate(`${'x '.repeat(50000)}\n`, {})[0].message, /Did you mean/);
});

// Each line without `=` searched for the next `=` from its start to the end of the text, so a file of
// such lines was quadratic (400,000 lines: 6.8 s). And 100,000 reports of one rule are 100,000 objects:
// past 10,000 a rule's problems are counted, and one line says how many more there are.
test('100,000 lines without `=`: 10,000 problems listed and one for the rest', () => {
  const problems = rsyncdService.validate('x\n'.repeat(100_000), {});
  assert.equal(problems.length, 10_001);
  const last = problems.at(-1)!;
  assert.equal(last.code, 'rsyncd/line-without-equals');
  assert.equal(last.start, 20_000);
  assert.equal(last.message, '90000 more problems of this kind from here on are not listed (10000 are).');
});
