import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { CheckContext } from '../../../server/src/core/types';
import { lineIndex } from '../../../server/src/core/text';
import { CachedHost } from '../../../server/src/node/host';
import { Rsyncd } from '../../support/rsyncd';

// Differential tests: each case file states, in its own comment lines, which diagnostics we must give
// (`# expect-next: CODE`, `# expect-prev: CODE`, `# expect: LINE CODE`) and what the real daemon does
// (`# daemon: ...`). The test checks both sides, so it fails when our rules or rsync disagree with the case.
// Other directives: `# file: NAME MODE CONTENT` (\n escapes), `# mkdir: NAME MODE`, `# fs` (check this
// machine's files), `# crlf` (CRLF line ends), `# cwd: /` (start the daemon in `/`, as systemd does, instead
// of the case's folder; `{{RELDIR}}` is the case folder without its leading `/`). Daemon observations: list, unlisted, listing, list-fails,
// access, login, upload, files (`files MODULE [!]/re/`: the module's file listing matches, or with `!` does not), log.

const CASES = path.resolve(__dirname, '../../fixtures/rsyncd/cases');
const files = fs
  .readdirSync(CASES)
  .filter((f) => f.endsWith('.conf'))
  .sort();
const daemons: Rsyncd[] = [];
after(async () => {
  for (const d of daemons) await d.dispose();
});

interface Case {
  expected: string[];
  observations: string[];
  files: { name: string; mode: number; content: string }[];
  dirs: { name: string; mode: number }[];
  fs: boolean;
  crlf: boolean;
  cwd?: string;
}

function readCase(text: string): Case {
  const c: Case = { expected: [], observations: [], files: [], dirs: [], fs: false, crlf: false };
  text.split('\n').forEach((line, i) => {
    const m = /^# (expect-next|expect-prev|expect|daemon|file|mkdir|fs|crlf|cwd)\b:?\s*(.*)$/.exec(
      line.replace(/^\uFEFF/, ''),
    );
    if (!m) return;
    const [, kind, rest] = m;
    if (kind === 'expect-next') c.expected.push(`${i + 2} ${rest}`);
    else if (kind === 'expect-prev') c.expected.push(`${i} ${rest}`);
    else if (kind === 'expect') c.expected.push(rest);
    else if (kind === 'daemon') c.observations.push(rest);
    else if (kind === 'fs') c.fs = true;
    else if (kind === 'crlf') c.crlf = true;
    else if (kind === 'cwd') c.cwd = rest.trim();
    else {
      const [name, mode, ...content] = rest.split(' ');
      if (kind === 'mkdir') c.dirs.push({ name, mode: parseInt(mode, 8) });
      else c.files.push({ name, mode: parseInt(mode, 8), content: content.join(' ').replace(/\\n/g, '\n') });
    }
  });
  return c;
}

const regex = (s: string) => {
  const m = /^\/(.*)\/([a-z]*)$/.exec(s);
  assert.ok(m, `bad regex ${s}`);
  return new RegExp(m[1], m[2]);
};

test(`at least 40 differential cases (${files.length})`, () => assert.ok(files.length >= 40));

for (const file of files) {
  test(`case ${file}`, async (t) => {
    const raw = fs.readFileSync(path.join(CASES, file), 'utf8');
    const spec = readCase(raw);
    const dir = Rsyncd.makeDir();
    // Also when an assertion fails or the daemon does not start; disposing a daemon removes it too.
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const d of spec.dirs) {
      // chmod as well: mkdir's mode is reduced by the umask.
      fs.mkdirSync(path.join(dir, d.name), { mode: d.mode });
      fs.chmodSync(path.join(dir, d.name), d.mode);
    }
    for (const f of spec.files) {
      fs.writeFileSync(path.join(dir, f.name), f.content.replaceAll('{{DIR}}', dir));
      fs.chmodSync(path.join(dir, f.name), f.mode);
    }
    let text = raw.replaceAll('{{DIR}}', dir).replaceAll('{{RELDIR}}', dir.slice(1));
    if (spec.crlf) text = text.replace(/\n/g, '\r\n');

    // Our side: error and warning diagnostics, by line and code, must be exactly the expected ones.
    const ctx: CheckContext = spec.fs ? { host: new CachedHost(), path: path.join(dir, 'rsyncd.conf') } : {};
    const lineOf = lineIndex(text);
    const problems = rsyncdService
      .validate(text, ctx)
      .filter((p) => p.severity === 'error' || p.severity === 'warning');
    const got = problems.map((p) => `${lineOf(p.start).line + 1} ${p.code}`).sort();
    assert.deepEqual(
      got,
      [...spec.expected].sort(),
      `diagnostics of ${file}:\n${problems.map((p) => `${lineOf(p.start).line + 1} ${p.code}: ${p.message}`).join('\n')}`,
    );

    // The daemon's side.
    const started = await Rsyncd.start(text, dir, spec.cwd);
    const noStart = spec.observations.find((o) => o.startsWith('no-start'));
    if (noStart) {
      if (started.daemon) daemons.push(started.daemon);
      assert.equal(started.daemon, undefined, `${file}: the daemon was expected not to start`);
      assert.equal(String(started.startupFailure?.code), noStart.split(' ')[1], started.startupFailure?.log);
      return;
    }
    const daemon = started.daemon;
    assert.ok(daemon, `${file}: the daemon did not start: ${started.startupFailure?.log}`);
    daemons.push(daemon);
    try {
      const logs: string[] = [];
      for (const o of spec.observations) {
        const [verb, ...args] = o.split(' ');
        if (verb === 'log') {
          logs.push(args.join(' '));
          continue;
        }
        if (verb === 'list' || verb === 'unlisted' || verb === 'listing' || verb === 'list-fails') {
          const r = await daemon.list();
          if (verb === 'list-fails') {
            assert.notEqual(r.code, 0, `${file}: listing was expected to fail:\n${r.stdout}`);
            continue;
          }
          assert.equal(r.code, 0, `${file}: listing failed: ${r.stderr}`);
          if (verb === 'listing') {
            const negate = args.join(' ').startsWith('!');
            const re = regex(args.join(' ').replace(/^!/, ''));
            assert.equal(re.test(r.stdout), !negate, `${file}: listing ${o}:\n${r.stdout}`);
          } else {
            const listed = new RegExp(`^${args[0]}(\\s|$)`, 'm').test(r.stdout);
            assert.equal(listed, verb === 'list', `${file}: ${o}:\n${r.stdout}`);
          }
        } else if (verb === 'upload') {
          // `upload MODULE ok|fail [/re/]`: push one small file, the direction in which `incoming chmod` is parsed.
          const [module, outcome, ...re] = args;
          const src = path.join(dir, 'upload-src.txt');
          fs.writeFileSync(src, 'x\n');
          const r = await daemon.client([src, `rsync://127.0.0.1:${daemon.port}/${module}/`]);
          if (outcome === 'ok') assert.equal(r.code, 0, `${file}: ${o}: ${r.stdout}${r.stderr}\n${daemon.readLog()}`);
          else {
            assert.notEqual(r.code, 0, `${file}: ${o} was expected to fail`);
            if (re.length) assert.match(r.stdout + r.stderr, regex(re.join(' ')), `${file}: ${o}`);
          }
        } else if (verb === 'files') {
          const [module, ...re] = args;
          const r = await daemon.access(module);
          assert.equal(r.code, 0, `${file}: ${o}: ${r.stdout}${r.stderr}`);
          const negate = re.join(' ').startsWith('!');
          assert.equal(regex(re.join(' ').replace(/^!/, '')).test(r.stdout), !negate, `${file}: ${o}:\n${r.stdout}`);
        } else if (verb === 'access' || verb === 'login') {
          const [module, ...more] = args;
          const auth = verb === 'login' ? { user: more[0], password: more[1] } : undefined;
          const [outcome, ...re] = verb === 'login' ? more.slice(2) : more;
          const r = await daemon.access(module, auth);
          const output = r.stdout + r.stderr;
          if (outcome === 'ok') assert.equal(r.code, 0, `${file}: ${o}: ${output}\n${daemon.readLog()}`);
          else {
            assert.notEqual(r.code, 0, `${file}: ${o} was expected to fail`);
            if (re.length) assert.match(output, regex(re.join(' ')), `${file}: ${o}`);
          }
        } else {
          assert.fail(`${file}: unknown observation ${o}`);
        }
      }
      for (const l of logs) assert.match(daemon.readLog(), regex(l), `${file}: daemon log`);
    } finally {
      await daemon.dispose();
      daemons.splice(daemons.indexOf(daemon), 1);
    }
  });
}
