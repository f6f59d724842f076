// Issue 12, item 12: the built CLI (dist/cli.js, which this layer builds first) in a real shell pipe.
// `check … | head -1` printed an unhandled `write EPIPE` stack; a config line holding terminal escapes
// was echoed raw in the text output. Now a closed pipe ends the output quietly and the command exits
// with its usual status; control characters are shown as the log tail shows them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-output-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Runs `push-mirror ARGS | head -1` in bash; the CLI's own exit status and stderr, and what head printed. */
function pipedToHead(args: string[], redirect = '2>"$ERR"') {
  const err = path.join(dir, 'stderr');
  fs.rmSync(err, { force: true });
  const command = `${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')} ${redirect} | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', command], {
    env: { ...process.env, ERR: err },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const status = Number(/status=(\d+)/.exec(r.stderr)?.[1]);
  return { status, head: r.stdout, stderr: (fs.existsSync(err) ? fs.readFileSync(err, 'utf8') : '') + r.stderr };
}

// More than a pipe's 64 KiB of output, so the CLI is still writing when head exits.
const manyProblems = () =>
  write(
    'many/rsyncd.conf',
    `[debian]\n  path = /srv\n${Array.from({ length: 5000 }, (_, i) => `  unknown${i} = yes\n`).join('')}`,
  );

test('built CLI exists (the integration layer builds it)', () => {
  assert.ok(fs.existsSync(CLI), `${CLI} missing: run node scripts/build.mjs`);
});

test('check … | head -1: no EPIPE stack, the usual exit status (1: errors found)', () => {
  const file = manyProblems();
  for (const format of ['text', 'json']) {
    const r = pipedToHead(['check', '--no-fs', '--format', format, file]);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|at .*cli\.js/, format);
    assert.equal(r.status, 1, `${format}: ${r.stderr}`);
    assert.match(r.head, format === 'text' ? /rsyncd\/unknown-parameter unknown parameter `unknown0`/ : /^\{/);
  }
});

test('check … 2>&1 | head -1: stderr closed too, still quiet, still the usual status (0: warnings only)', () => {
  // Warnings only: exit 0, which an uncaught EPIPE (exit 1, its stack lost in the closed pipe) cannot fake.
  const r = pipedToHead(['check', '--no-fs', '--rule', 'rsyncd/unknown-parameter=warning', manyProblems()], '2>&1');
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.head, / warning rsyncd\/unknown-parameter /);
});

test('check refuses a FIFO, a device and a huge file with a clear message and exit 2, without hanging', () => {
  const fifo = path.join(dir, 'fifo', 'rsyncd.conf');
  fs.mkdirSync(path.dirname(fifo));
  spawnSync('mkfifo', [fifo]);
  const huge = write('huge/rsyncd.conf', '');
  fs.truncateSync(huge, 200 * 1024 * 1024); // sparse: 200 MB to read, nothing on disk
  const cases: [string, RegExp][] = [
    [fifo, /rsyncd\.conf is a FIFO \(named pipe\), not a regular file; it was not read/],
    ['/dev/zero', /\/dev\/zero is a character device, not a regular file; it was not read/],
    [huge, /rsyncd\.conf is 200 MiB, more than the 16 MiB read at most; it was not read/],
  ];
  for (const [file, message] of cases) {
    const r = spawnSync(process.execPath, [CLI, 'check', '--language', 'rsyncd-conf', file], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.signal, null, `${file}: killed after 20 s (hung)`);
    assert.equal(r.status, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /internal error|\n {4}at /);
  }
});

test('signal … | head -1: every downstream still gets its result line written or dropped quietly', () => {
  const list = write(
    'signal/runmirrors.mirror',
    Array.from({ length: 2000 }, (_, i) => `all d${i} 127.0.0.1 nobody`).join('\n') + '\n',
  );
  write('signal/runmirrors.conf', '');
  const r = pipedToHead([
    'signal',
    '--mirror-list',
    list,
    '--key',
    path.join(dir, 'no-such-key'),
    '--only-known-hosts',
    '--ssh-config',
    'none',
    '--no-log',
  ]);
  assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.head, /^d\d+\t/);
});

test('--help | head -1 exits 0', () => {
  const r = pipedToHead(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.head, /^usage: push-mirror/);
});

test('terminal escapes in a config line are shown, not sent, in text output; JSON keeps the exact value', () => {
  const evil = '\x1b]0;owned\x07\x1b[2J';
  const file = write(
    'esc/rsyncd.conf',
    Buffer.from(`[debian]\n  path = /srv\n  ${evil}reed only = yes\n  \u009b31mx = 1\n`),
  );
  const text = spawnSync(process.execPath, [CLI, 'check', '--no-fs', file], { encoding: 'utf8' });
  assert.equal(text.status, 1);
  assert.doesNotMatch(text.stdout + text.stderr, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, 'no raw control character');
  assert.match(text.stdout, /unknown parameter `␛\]0;owned␇␛\[2Jreed only`/);
  assert.match(text.stdout, /unknown parameter `\ufffd31mx`/);
  // A file name carrying escapes is shown the same way.
  const named = write(`esc/\x1b[31mred\x1b[0m/rsyncd.conf`, 'reed only = yes\n');
  const byName = spawnSync(process.execPath, [CLI, 'check', '--no-fs', named], { encoding: 'utf8' });
  assert.match(byName.stdout, /␛\[31mred␛\[0m\/rsyncd\.conf:1:1 error/);
  assert.doesNotMatch(byName.stdout, /\x1b/);

  const json = spawnSync(process.execPath, [CLI, 'check', '--no-fs', '--format', 'json', file], { encoding: 'utf8' });
  assert.doesNotMatch(json.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, 'no raw control character in JSON either');
  const messages = (JSON.parse(json.stdout) as { files: { problems: { message: string }[] }[] }).files[0].problems.map(
    (p) => p.message,
  );
  assert.ok(messages.some((m) => m.includes(`${evil}reed only`)));
  assert.ok(messages.some((m) => m.includes('\u009b31mx')));
});
