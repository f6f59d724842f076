import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SERVICES } from '../../../server/src/core/catalogue';
import { LANGUAGES, main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (l) => out.push(l), info: (l) => err.push(l), error: (l) => err.push(l) };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

test('check prints file:line:col severity code message and exits 1 on errors', async () => {
  const file = write('bad/rsyncd.conf', '[debian]\n  path = /srv\n  reed only = yes\n');
  const io = capture();
  assert.equal(await main(['check', '--no-fs', file], io), 1);
  assert.deepEqual(io.out, [
    `${file}:3:3 error rsyncd/unknown-parameter unknown parameter \`reed only\`; did you mean \`read only\`? rsync ignores this line.`,
  ]);
  assert.match(io.err.join('\n'), /1 file\(s\) checked: 1 error\(s\)/);
});

test('check exits 0 on a clean file and emits parseable JSON with --format json', async () => {
  const file = write('good/rsyncd.conf', '[debian]\n  path = /srv\n  read only = yes\n');
  const io = capture();
  assert.equal(await main(['check', '--no-fs', '--format', 'json', file], io), 0);
  const report = JSON.parse(io.out.join('\n'));
  assert.equal(report.files[0].language, 'rsyncd-conf');
  assert.equal(report.files[0].problems.length, 0);
});

test('--rule changes a severity; a downgraded error no longer fails the run', async () => {
  const file = write('warn/rsyncd.conf', 'reed only = yes\n');
  const io = capture();
  assert.equal(await main(['check', '--no-fs', '--rule', 'rsyncd/unknown-parameter=warning', file], io), 0);
  assert.match(io.out[0], / warning rsyncd\/unknown-parameter /);
});

test('usage errors and unreadable or unrecognised files exit 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [[], /usage: push-mirror/],
    [['frobnicate'], /unknown command `frobnicate`/],
    [['check'], /name at least one file/],
    [['check', '--format', 'xml', 'x'], /--format must be text or json/],
    [['check', '--bogus', 'x'], /Unknown option '--bogus'/],
    [['check', path.join(dir, 'missing', 'rsyncd.conf')], /missing\/rsyncd\.conf does not exist/],
    [['check', write('notes.txt', 'x')], /cannot tell which kind of file this is from its name; pass --language/],
    [['check', '--rule', 'x', 'y'], /--rule takes CODE=LEVEL/],
  ];
  for (const [args, message] of cases) {
    const io = capture();
    assert.equal(await main(args, io), 2, args.join(' '));
    assert.match([...io.out, ...io.err].join('\n'), message, args.join(' '));
  }
});

test('--language checks a file whose name says nothing', async () => {
  const file = write('conf.txt', 'read_only = yes\n');
  const io = capture();
  assert.equal(await main(['check', '--no-fs', '--language', 'rsyncd-conf', file], io), 1);
});

test('--language accepts exactly the languages the catalogue serves', () => {
  assert.deepEqual([...LANGUAGES].sort(), SERVICES.map((s) => s.id).sort());
});

test('pushmirror.yaml is checked by name, like the editor does', async () => {
  const file = write('inv/pushmirror.yaml', 'version: 1\ndownstreams:\n  eu.one:\n    port: 70000\n');
  const io = capture();
  assert.equal(await main(['check', '--no-fs', file], io), 1);
  assert.match(io.out.join('\n'), /pushmirror\.yaml:4:11 error inventory\//);
});

test('text output shows control characters visibly; JSON escapes C1 controls and keeps the value', async () => {
  const { toJson, visible } = await import('../../../src/cli/output');
  assert.equal(visible('a\x1b]0;t\x07\x1b[2J\tb\r'), 'a␛]0;t␇␛[2J\tb␍');
  assert.equal(visible('line 1\nline\x1b 2'), 'line 1\nline␛ 2');
  assert.equal(visible('\u009b31m'), '\ufffd31m');
  const json = toJson({ m: '\x1b[2J\u009b\u2028' });
  assert.doesNotMatch(json, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028]/);
  assert.deepEqual(JSON.parse(json), { m: '\x1b[2J\u009b\u2028' });
});

test('`check --help` and `signal --help` print their usage and exit 0; check names every --language', async () => {
  const io = capture();
  assert.equal(await main(['check', '--help'], io), 0);
  const text = io.out.join('\n');
  for (const id of LANGUAGES) assert.ok(text.includes(id), id);
  assert.match(text, /pushmirror\.yaml inventory/);
  const signal = capture();
  assert.equal(await main(['signal', '--help'], signal), 0);
  assert.match(signal.out.join('\n'), /--accept-new/);
});

test('a directory is reported as a directory, not as an unknown kind of file', async () => {
  const io = capture();
  assert.equal(await main(['check', dir], io), 2);
  assert.deepEqual(io.err.slice(0, 1), [`${dir} is a directory`]);
});

test('--rule with a code no rule has is a usage error with a did-you-mean', async () => {
  const file = write('rule/rsyncd.conf', '[debian]\n  path = /srv\n');
  const typo = capture();
  assert.equal(await main(['check', '--rule', 'rsyncd/unknown-paramter=warning', file], typo), 2);
  assert.match(typo.err[0]!, /no rule `rsyncd\/unknown-paramter`; did you mean `rsyncd\/unknown-parameter`\?/);
  const unknown = capture();
  assert.equal(await main(['check', '--rule', 'nope/rule=warning', file], unknown), 2);
  assert.match(unknown.err[0]!, /there is no rule `nope\/rule`/);
  assert.equal(await main(['check', '--no-fs', '--rule', 'rsyncd/unknown-parameter=off', file], capture()), 0);
});
