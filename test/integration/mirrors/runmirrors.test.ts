import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pushPlan, renderArgv, type PushKind } from '../../../server/src/core/mirrors/command';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { isMirror, parseMirrorList } from '../../../server/src/core/mirrors/parser';
import { mirrorListService } from '../../../server/src/core/mirrors/service';

// Differential test against Debian's real /usr/bin/runmirrors (ftpsync 20180513+nmu1): each line is
// pushed by the real script, in its own HOME, with a fake `ssh` first on PATH that records its argv
// and exits 0. What runmirrors ran must be what pushPlan/renderArgv say it runs (the hover and the
// Downstreams tooltips show that), and every line where it runs something other than the text
// suggests must have a diagnostic.
//
// runmirrors is invoked as `runmirrors -k all` (ftpsync's push kind for a plain push): with the
// default kind `mhop`, mhop lines also get `sync:mhop` (modelled by pushPlan's pushKind; see the last test).

const RUNMIRRORS = '/usr/bin/runmirrors';
const available = fs.existsSync(RUNMIRRORS);
const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-runmirrors-')));
after(() => { if (!process.env.KEEP) fs.rmSync(root, { recursive: true, force: true }); });

// The fake ssh: one NUL-separated record per run; the trailing ssh output goes to runmirrors' mirror log.
const BIN = path.join(root, 'bin');
fs.mkdirSync(BIN);
fs.writeFileSync(path.join(BIN, 'ssh'), '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$RECORD_DIR/$(date +%s%N).$$"\necho fake-ssh-ok\nexit 0\n', { mode: 0o755 });

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
  { line: 'all eu.extra ssh+ftpsync://archvsync@mirror.example.org -p 22', faithful: false },
  { line: 'all eu.p1 mirror.example.org archvsync 1 /k', faithful: false },
  { line: 'all eu.master mirror.example.org archvsync -i /home/archvsync/.ssh/other', faithful: false },
];

interface Run {
  argvs: string[][];
  home: string;
  settings: ReturnType<typeof readRunmirrorsConf>;
  log: string;
}

let counter = 0;
/** Runs the real runmirrors over `listText` in a fresh HOME; resolves once every background push has ended. */
function runmirrors(listText: string, args: string[] = ['-k', 'all']): Promise<Run> {
  const home = path.join(root, `home${counter++}`);
  const records = path.join(home, 'records');
  for (const d of ['.config/ftpsync', '.ssh', 'etc', 'records']) fs.mkdirSync(path.join(home, d), { recursive: true });
  fs.writeFileSync(path.join(home, '.ssh/pushmirror'), 'not a real key\n', { mode: 0o600 });
  fs.writeFileSync(path.join(home, 'etc/runmirrors.mirror'), listText);
  // MAILTO=" " survives ${MAILTO:-…} and expands to no recipient: sendmail refuses, no mail leaves.
  const conf = [`MIRRORS=${home}/etc/runmirrors.mirror`, `BASEDIR=${home}`, `LOGDIR=${home}/log`, `LOCKDIR=${home}/lock`, 'MAILTO=" "', 'PUSHDELAY=0', ''].join('\n');
  fs.writeFileSync(path.join(home, '.config/ftpsync/runmirrors.conf'), conf);
  const env = { PATH: `${BIN}:/usr/bin:/bin`, HOME: home, LOGNAME: 'pushmirror-test', RECORD_DIR: records, LANG: 'C' };
  return new Promise((resolve, reject) => {
    // execFile calls back on 'close': after the backgrounded `signal` jobs, which hold stderr, have exited.
    execFile(RUNMIRRORS, args, { env, cwd: home, timeout: 20000, killSignal: 'SIGKILL' }, (error, _stdout, stderr) => {
      if (error) return reject(new Error(`runmirrors failed: ${error.message}\n${stderr}`));
      const argvs = fs
        .readdirSync(records)
        .sort()
        .map((f) => fs.readFileSync(path.join(records, f), 'utf8').split('\0').slice(0, -1));
      const logFile = path.join(home, 'log/runmirrors.log');
      resolve({ argvs, home, settings: readRunmirrorsConf(conf, home), log: fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '' });
    });
  });
}

/** What runmirrors' argv would be per our model: ssh, then argv, then ` <command>` (PUSHARGS starts with a blank). */
function modelled(line: string, run: Run, pushKind: PushKind = 'all'): string[][] {
  const entry = parseMirrorList(`${line}\n`).entries.find(isMirror);
  if (!entry) return [];
  const plan = pushPlan(entry, run.settings, '', pushKind);
  return plan.commands.map((c) => [...plan.argv, ` ${c}`].slice(1));
}

describe('runmirrors.mirror against the real runmirrors', { skip: !available && `${RUNMIRRORS} is not installed` }, () => {
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
      const problems = mirrorListService.validate(`${c.line}\n`, {}).filter((p) => p.severity === 'error' || p.severity === 'warning');
      if (!c.faithful) assert.ok(problems.length > 0, `runmirrors does something unexpected with this line, but we say nothing`);
      else assert.deepEqual(problems.map((p) => p.code), [], 'a line runmirrors handles as written needs no warning');
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
    const stops = mirrorListService.validate(list, {}).filter((p) => /every later one are never pushed/.test(p.message));
    assert.deepEqual(stops.map((p) => [p.code, list.slice(0, p.start).split('\n').length - 1]), [['mirrors/unknown-fourth-field', list.split('\n').indexOf(lines[stop])]], 'the list-stopping line is flagged as such');
  });

  it('with the default push kind (mhop), mhop lines also get sync:mhop, as the model says', async () => {
    const line = 'mhop eu.hop hop.example.org archvsync';
    const run = await runmirrors(`${line}\n`, []);
    assert.deepEqual(run.argvs.map((a) => a.at(-1)), modelled(line, run, 'mhop').map((a) => a.at(-1)));
    assert.match(modelled(line, run, 'mhop')[0].at(-1)!, / sync:mhop sync:stage1$/);
  });
});
