import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { renderArgv } from '../../../server/src/core/mirrors/command';
import { isMirror, parseMirrorList } from '../../../server/src/core/mirrors/parser';
import { mirrorListService } from '../../../server/src/core/mirrors/service';
import { available, modelled, modelledList, root, RUNMIRRORS, runmirrors } from './harness';
import { verdict } from './oracle';

// Differential test against Debian's real /usr/bin/runmirrors (ftpsync 20180513+nmu1): each line is
// pushed by the real script, in its own HOME, with a fake `ssh` first on PATH that records its argv
// and exits 0. What runmirrors ran must be what pushPlan/renderArgv say it runs (the hover and the
// Downstreams tooltips show that), and every line where it runs something other than the text
// suggests must have a diagnostic. "What the text suggests" is decided by oracle.ts (a naive reading
// of the line, compared with `ssh -G` on both argvs), independently of our parser; the hand-made cases
// carry their verdict too, and the oracle must agree with it.
//
// runmirrors is invoked as `runmirrors -k all` (ftpsync's push kind for a plain push): with the
// default kind `mhop`, mhop lines also get `sync:mhop` (modelled by pushPlan's pushKind; see the last test).

after(() => {
  if (!process.env.KEEP) fs.rmSync(root, { recursive: true, force: true });
});

/**
 * Warnings about words that have no effect although the push itself is what the line says (the oracle
 * cannot see an intent behind such words). Each is kept because its word was written for something.
 */
const TOLERATED = new Set(['mirrors/ssh-option-stray']);

interface Case {
  line: string;
  /** True when runmirrors does what the line reads as (so no diagnostic is needed). */
  faithful: boolean;
}

const CASES: Case[] = [
  // Good lines: runmirrors does what they say.
  { line: 'all eu.puccini puccini.debian.org archvsync', faithful: true },
  { line: 'staged eu.staged staged.example.org archvsync', faithful: true },
  { line: 'mhop eu.hop hop.example.org archvsync', faithful: true },
  { line: 'all eu.port mirror.example.org archvsync -p 2222', faithful: true },
  { line: 'all eu.v6 mirror.example.org archvsync -6', faithful: true },
  { line: 'all eu.opt mirror.example.org archvsync -o Port=2222', faithful: true },
  { line: 'all eu.url ssh+ftpsync://archvsync@mirror.example.org', faithful: true },
  { line: 'all eu.sec ssh+ftpsync://archvsync@mirror.example.org/debian-security', faithful: true },
  { line: 'all eu.key mirror.example.org archvsync 2 /home/archvsync/.ssh/other', faithful: true },
  // Surprises.
  { line: 'al eu.typo mirror.example.org archvsync', faithful: false },
  { line: 'all eu.three mirror.example.org archvsync 3', faithful: false },
  { line: 'all eu.path mirror.example.org archvsync /home/archvsync/.ssh/k', faithful: false },
  { line: 'all eu.scheme ssh://archvsync@mirror.example.org', faithful: false },
  // Only one ssh option survives runmirrors' `${SSHOPT/ /#}` … `${SSHOPTS/\#/ }` round trip.
  { line: 'all eu.multi mirror.example.org archvsync -p 2222 -o IdentitiesOnly=yes', faithful: false },
  { line: 'all eu.two mirror.example.org archvsync -p  2222', faithful: false },
  { line: 'all eu.eat mirror.example.org archvsync -4 -p', faithful: false },
  // A bare protocol `2` empties the key: no `-i` at all, ssh falls back to its default keys.
  { line: 'all eu.p2 mirror.example.org archvsync 2', faithful: false },
  // A letter right after the user: `[[ y -eq 1 ]]` reads the unset variable `y` under `set -u`, and the
  // loop's subshell dies there: this line and every line after it are never pushed (see the whole list).
  { line: 'all eu.word mirror.example.org archvsync yes', faithful: false },
  { line: 'all eu.extra ssh+ftpsync://archvsync@mirror.example.org -p 2222', faithful: false },
  { line: 'all eu.p1 mirror.example.org archvsync 1 /k', faithful: false },
  { line: 'all eu.master mirror.example.org archvsync -i /home/archvsync/.ssh/other', faithful: false },
  // Regressions found on real-world lists (see test/fixtures/mirrors/real-world/SOURCES.md).
  // `local` splits the key file again: only its first word reaches -i; two blanks or `22` leave none.
  { line: 'all eu.k2x mirror.example.org archvsync 2 /home/archvsync/.ssh/k -p 2222', faithful: false },
  { line: 'all eu.k2c mirror.example.org archvsync 2 /home/archvsync/.ssh/k # new key', faithful: true },
  { line: 'all eu.k2two mirror.example.org archvsync 2  /home/archvsync/.ssh/k', faithful: false },
  { line: 'all eu.k22 mirror.example.org archvsync 22 /home/archvsync/.ssh/k', faithful: false },
  { line: 'all eu.k2slash mirror.example.org archvsync 2/home/archvsync/.ssh/k', faithful: false },
  // A CR after the User field or an -o value is stripped by ssh; after a port it is not.
  { line: 'all eu.crlfuser mirror.example.org archvsync\r', faithful: true },
  { line: 'all eu.crlfo mirror.example.org archvsync -o Port=2222\r', faithful: true },
  { line: 'all eu.crlfp mirror.example.org archvsync -p 2222\r', faithful: false },
  { line: 'all eu.crlfurl ssh+ftpsync://archvsync@mirror.example.org/security\r', faithful: false },
  // No host: `ssh -n $hostname` gets no argument at all.
  { line: 'all eu.nohost', faithful: false },
  // `_` is bash's `$_`, set: the line is skipped, the loop goes on.
  { line: 'all eu.under mirror.example.org archvsync _x', faithful: false },
  // ssh takes the user of user@host first; -o user= from the User field comes too late.
  { line: 'all eu.atsame archvsync@mirror.example.org archvsync', faithful: true },
  { line: 'all eu.atother mirror@mirror.example.org archvsync', faithful: false },
  // IPv6: bare addresses work, brackets and host:port do not.
  { line: 'all eu.v6url ssh+ftpsync://archvsync@2001:db8::1', faithful: true },
  { line: 'all eu.v6br [2001:db8::1] archvsync', faithful: false },
  { line: 'all eu.v6urlbr ssh+ftpsync://archvsync@[2001:db8::1]', faithful: false },
  { line: 'all eu.hostport mirror.example.org:2222 archvsync', faithful: false },
  // Trailing comments: harmless after options or a URL, fatal right after the user.
  { line: 'all eu.optc mirror.example.org archvsync -p 2222 # behind NAT', faithful: true },
  { line: 'all eu.v6c mirror.example.org archvsync -6 # v6 only', faithful: true },
  { line: 'all eu.urlc ssh+ftpsync://archvsync@mirror.example.org # since 2021', faithful: true },
  { line: 'all eu.userc mirror.example.org archvsync # primary', faithful: false },
  // Repeating what runmirrors already passes changes nothing; another value is ignored.
  { line: 'all eu.samebm mirror.example.org archvsync -o BatchMode=yes', faithful: true },
  { line: 'all eu.sameuser mirror.example.org archvsync -l archvsync', faithful: true },
  { line: 'all eu.accept mirror.example.org archvsync -o StrictHostKeyChecking=accept-new', faithful: false },
  { line: 'all eu.masterself mirror.example.org archvsync -i ~/.ssh/pushmirror', faithful: true },
  // A word that is no option starts ssh's remote command; ftpsync ignores it.
  { line: 'all eu.stray mirror.example.org archvsync -4 yes', faithful: true },
];

describe(
  'runmirrors.mirror against the real runmirrors',
  { skip: !available && `${RUNMIRRORS} is not installed` },
  () => {
    for (const c of CASES) {
      it(c.line, async () => {
        const run = await runmirrors(`# differential case\n${c.line}\n`);
        const want = modelled(c.line, run);
        // Staged pushes run stage1 then stage2; order within a line is the recording order.
        assert.deepEqual(
          run.argvs.map((a) => renderArgv(['ssh', ...a])),
          want.map((a) => renderArgv(['ssh', ...a])),
          `runmirrors ran something else than our model says; runmirrors.log:\n${run.log}`,
        );
        assert.equal(verdict(c.line, run).faithful, c.faithful, `the oracle disagrees: ${verdict(c.line, run).why}`);
        const problems = mirrorListService
          .validate(`${c.line}\n`, {})
          .filter((p) => p.severity === 'error' || p.severity === 'warning');
        if (!c.faithful)
          assert.ok(problems.length > 0, `runmirrors does something unexpected with this line, but we say nothing`);
        else
          assert.deepEqual(
            problems.map((p) => p.code).filter((c) => !TOLERATED.has(c)),
            [],
            'a line runmirrors handles as written needs no warning',
          );
      });
    }

    it('a whole list: one push per line, DELAY honoured, skipped lines logged, a letter after the user stops the list', async () => {
      const lines = CASES.map((c) => c.line);
      const list = ['# whole list', ...lines.slice(0, 5), 'DELAY 0', ...lines.slice(5), ''].join('\n');
      const run = await runmirrors(list);
      const byHost = (argvs: string[][]) => argvs.map((a) => renderArgv(['ssh', ...a])).sort();
      // Our model of the whole file: lines after the first one that kills runmirrors' loop are never read.
      const stop = lines.findIndex((l) => parseMirrorList(`${l}\n`).entries.find(isMirror)?.restKind === 'aborts');
      assert.equal(lines[stop], 'all eu.word mirror.example.org archvsync yes');
      const want = lines.slice(0, stop).flatMap((l) => modelled(l, run));
      assert.deepEqual(byHost(run.argvs), byHost(want));
      assert.ok(!/eu\.(extra|p1|master)/.test(run.log), 'runmirrors never reached the lines after eu.word');
      assert.match(run.log, /I don't know what is configured for mirror eu\.three/);
      assert.match(run.log, /Trigger eu\.scheme: mirror\.example\.org have wrong scheme, ignoring/);
      assert.match(run.log, /Delay of 0 requested/);
      const stops = mirrorListService
        .validate(list, {})
        .filter((p) => /every later one are never pushed/.test(p.message));
      assert.deepEqual(
        stops.map((p) => [p.code, list.slice(0, p.start).split('\n').length - 1]),
        [['mirrors/unknown-fourth-field', list.split('\n').indexOf(lines[stop])]],
        'the list-stopping line is flagged as such',
      );
    });

    it('with the default push kind (mhop), mhop lines also get sync:mhop, as the model says', async () => {
      const line = 'mhop eu.hop hop.example.org archvsync';
      const run = await runmirrors(`${line}\n`, { args: [] });
      assert.deepEqual(
        run.argvs.map((a) => a.at(-1)),
        modelled(line, run, 'mhop').map((a) => a.at(-1)),
      );
      assert.match(modelled(line, run, 'mhop')[0].at(-1)!, / sync:mhop sync:stage1$/);
    });

    it('a stray key word after `_` does not stop the list: the next line is pushed', async () => {
      const list = 'all eu.under mirror.example.org archvsync _x\nall eu.next next.example.org archvsync\n';
      const run = await runmirrors(list);
      assert.deepEqual(
        run.argvs.map((a) => a[1]),
        ['next.example.org'],
      );
      assert.match(run.log, /I don't know what is configured for mirror eu\.under/);
      assert.equal(parseMirrorList(list).entries.find(isMirror)?.restKind, 'unknown');
    });
  },
);

// ---------------------------------------------------------------------------------------------------
// Real-world lists (test/fixtures/mirrors/real-world, sources in SOURCES.md): every line alone, judged
// by the oracle (oracle.ts), and every file as a whole against the model.

const FIXTURES = path.resolve(__dirname, '../../fixtures/mirrors/real-world');
const SKIPPED = /^[ \t\r\v\f]*(#|$)/; // runmirrors' egrep -v '^[[:space:]]*(#|$)'
const fixtures = fs.existsSync(FIXTURES)
  ? fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.mirror'))
      .sort()
  : [];

describe(
  'real-world runmirrors.mirror lines against the real runmirrors',
  { skip: !available && `${RUNMIRRORS} is not installed` },
  () => {
    it('has at least 20 fixture files', () => assert.ok(fixtures.length >= 20, String(fixtures.length)));

    for (const file of fixtures) {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        if (SKIPPED.test(line)) return;
        it(`${file}:${index + 1} ${JSON.stringify(line)}`, async () => {
          const run = await runmirrors(`# real-world line\n${line}\n`);
          assert.deepEqual(
            run.argvs.map((a) => renderArgv(['ssh', ...a])),
            modelled(line, run).map((a) => renderArgv(['ssh', ...a])),
            `runmirrors ran something else than pushPlan says; runmirrors.log:\n${run.log}`,
          );
          const { faithful, why } = verdict(line, run);
          const problems = mirrorListService
            .validate(`${line}\n`, {})
            .filter((p) => p.severity === 'error' || p.severity === 'warning');
          if (!faithful)
            assert.ok(problems.length > 0, `runmirrors does not do what this line says (${why}), but we say nothing`);
          else
            assert.deepEqual(
              problems.map((p) => `${p.code}: ${p.message}`).filter((m) => !TOLERATED.has(m.split(':')[0])),
              [],
              `runmirrors does what this line says (${why})`,
            );
        });
      });

      it(`${file} as a whole: the pushes of the model, no more, no less`, async () => {
        const run = await runmirrors(text);
        const sorted = (argvs: string[][]) => argvs.map((a) => renderArgv(['ssh', ...a])).sort();
        assert.deepEqual(
          sorted(run.argvs),
          sorted(modelledList(text, run)),
          `runmirrors.log:\n${run.log}\n${run.stderr}`,
        );
        // mirrors/duplicate-short-name: the lines sharing a ShortName write one log file.
        for (const p of mirrorListService.validate(text, {}).filter((x) => x.code === 'mirrors/duplicate-short-name')) {
          const name = text.slice(p.start, p.end);
          const pushes = parseMirrorList(text)
            .entries.filter(isMirror)
            .filter((e) => e.name?.value === name)
            .flatMap((e) => modelled(text.slice(e.span.start, e.span.end), run));
          const log = fs.readFileSync(path.join(run.home, 'log', `${name}.log`), 'utf8');
          assert.equal(
            log.match(/fake-ssh-ok/g)?.length,
            pushes.length,
            `${name}.log holds the output of every line named ${name}`,
          );
        }
      });
    }
  },
);

// runmirrors.conf shapes (test/fixtures/mirrors/real-world/conf): KEYFILE, SSH_OPTS and PUSHARCHIVE as
// readRunmirrorsConf reads them must give the argv runmirrors runs; a conf that stops runmirrors must
// get mirrors/runmirrors-stops, one that does not must not.

const CONFS = path.join(FIXTURES, 'conf');
const confs = fs.existsSync(CONFS)
  ? fs
      .readdirSync(CONFS)
      .filter((f) => f.endsWith('.conf'))
      .sort()
  : [];
const CONF_LIST = [
  'all eu.one one.example.org archvsync',
  'staged eu.two ssh+ftpsync://archvsync@two.example.org',
  'all eu.three three.example.org archvsync -p 2222',
  '',
].join('\n');

describe(
  'real-world runmirrors.conf shapes against the real runmirrors',
  { skip: !available && `${RUNMIRRORS} is not installed` },
  () => {
    it('has conf shapes', () => assert.ok(confs.length >= 5, String(confs.length)));
    for (const file of confs) {
      it(file, async () => {
        const shape = fs.readFileSync(path.join(CONFS, file), 'utf8');
        // The key files the shape names, created in the run's HOME (`/home/ftp` and `~` stand for it).
        const files = [...shape.matchAll(/^KEYFILE=(?:~\/|\/home\/ftp\/)?([^\s"']+)$/gm)].map((m) => m[1]);
        const run = await runmirrors(CONF_LIST, { conf: shape, files });
        const archive = run.settings.assignments.get('PUSHARCHIVE')?.value ?? '';
        const listPath = path.join(run.home, 'etc/runmirrors.mirror');
        const host = {
          homeDir: run.home,
          uid: 0,
          stat: (p: string) => ({
            exists: fs.existsSync(p),
            isDirectory: fs.existsSync(p) && fs.statSync(p).isDirectory(),
          }),
          readDir: () => undefined,
          readText: (p: string) => (p === path.join(run.home, 'etc/runmirrors.conf') ? run.conf : undefined),
        };
        const stops = mirrorListService
          .validate(CONF_LIST, { path: listPath, host })
          .filter((p) => p.code === 'mirrors/runmirrors-stops');
        if (run.code !== 0) {
          assert.deepEqual(run.argvs, [], 'runmirrors stopped before pushing');
          assert.ok(stops.length > 0, `runmirrors exits ${run.code} (${run.stderr.trim()}), but we say nothing`);
          return;
        }
        assert.deepEqual(
          stops.map((p) => p.message),
          [],
          'runmirrors ran',
        );
        const sorted = (argvs: string[][]) => argvs.map((a) => renderArgv(['ssh', ...a])).sort();
        assert.deepEqual(sorted(run.argvs), sorted(modelledList(CONF_LIST, run, archive)));
      });
    }
  },
);
