import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pushPlan, type PushKind } from '../../../server/src/core/mirrors/command';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';
import { isMirror, parseMirrorList, pushType } from '../../../server/src/core/mirrors/parser';

// Runs Debian's real /usr/bin/runmirrors (ftpsync 20180513+nmu1) over a mirror list, in its own HOME,
// with a fake `ssh` first on PATH that records its argv and exits 0, and a fake `sleep` that records
// whether GNU sleep accepts its argument (it runs the real one for 50 ms) instead of sleeping.

export const RUNMIRRORS = '/usr/bin/runmirrors';
export const available = fs.existsSync(RUNMIRRORS);

export const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-runmirrors-')));
const BIN = path.join(root, 'bin');
fs.mkdirSync(BIN);
// One NUL-separated record per ssh run; its output goes to runmirrors' per-mirror log.
fs.writeFileSync(
  path.join(BIN, 'ssh'),
  '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$RECORD_DIR/$(date +%s%N).$$"\necho fake-ssh-ok\nexit 0\n',
  { mode: 0o755 },
);
// 124: sleep accepted the interval and was still sleeping; 1: it rejected it.
fs.writeFileSync(
  path.join(BIN, 'sleep'),
  '#!/bin/sh\ntimeout 0.05 /bin/sleep "$@" 2>/dev/null\nprintf \'%s\\0%s\\0\' "$?" "$*" >> "$RECORD_DIR/../sleeps"\nexit 0\n',
  { mode: 0o755 },
);

export interface Run {
  argvs: string[][];
  home: string;
  settings: ReturnType<typeof readRunmirrorsConf>;
  /** The whole runmirrors.conf written for this run. */
  conf: string;
  log: string;
  stderr: string;
  code: number;
  /** Every `sleep` runmirrors ran: its arguments and whether GNU sleep accepted them. */
  sleeps: { args: string; accepted: boolean }[];
}

export interface RunOptions {
  args?: string[];
  /** runmirrors.conf lines appended after the harness' own (later assignments win); `/home/ftp` stands for HOME. */
  conf?: string;
  /** Files to create in HOME (relative paths), e.g. a KEYFILE the conf names. */
  files?: string[];
}

let counter = 0;
/** Runs the real runmirrors over `listText` in a fresh HOME; resolves once every background push has ended. */
export function runmirrors(listText: string, options: RunOptions = {}): Promise<Run> {
  const home = path.join(root, `home${counter++}`);
  const records = path.join(home, 'records');
  for (const d of ['.config/ftpsync', '.ssh', 'etc', 'records']) fs.mkdirSync(path.join(home, d), { recursive: true });
  for (const f of ['.ssh/pushmirror', '.ssh/push_config', ...(options.files ?? [])]) {
    fs.mkdirSync(path.dirname(path.join(home, f)), { recursive: true });
    fs.writeFileSync(path.join(home, f), f.endsWith('config') ? '' : 'not a real key\n', { mode: 0o600 });
  }
  fs.writeFileSync(path.join(home, 'etc/runmirrors.mirror'), listText);
  // MAILTO=" " survives ${MAILTO:-…} and expands to no recipient: sendmail refuses, no mail leaves.
  const own = [
    `MIRRORS=${home}/etc/runmirrors.mirror`,
    `BASEDIR=${home}`,
    `LOGDIR=${home}/log`,
    `LOCKDIR=${home}/lock`,
    'MAILTO=" "',
    'PUSHDELAY=0',
  ];
  const conf = [...own, ...(options.conf ? [options.conf.replaceAll('/home/ftp', home)] : []), ''].join('\n');
  fs.writeFileSync(path.join(home, '.config/ftpsync/runmirrors.conf'), conf);
  const env = { PATH: `${BIN}:/usr/bin:/bin`, HOME: home, LOGNAME: 'pushmirror-test', RECORD_DIR: records, LANG: 'C' };
  return new Promise((resolve) => {
    // execFile calls back on 'close': after the backgrounded `signal` jobs, which hold stderr, have exited.
    execFile(
      RUNMIRRORS,
      options.args ?? ['-k', 'all'],
      { env, cwd: home, timeout: 20000, killSignal: 'SIGKILL' },
      (error, _stdout, stderr) => {
        const argvs = fs
          .readdirSync(records)
          .sort()
          .map((f) => fs.readFileSync(path.join(records, f), 'utf8').split('\0').slice(0, -1));
        const logFile = path.join(home, 'log/runmirrors.log');
        const sleepFile = path.join(home, 'sleeps');
        const raw = fs.existsSync(sleepFile) ? fs.readFileSync(sleepFile, 'utf8').split('\0').slice(0, -1) : [];
        const sleeps: Run['sleeps'] = [];
        for (let i = 0; i + 1 < raw.length; i += 2) sleeps.push({ accepted: raw[i] !== '1', args: raw[i + 1] });
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({
          argvs,
          home,
          conf,
          settings: readRunmirrorsConf(conf, home),
          log: fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '',
          stderr,
          code,
          sleeps,
        });
      },
    );
  });
}

/** One line's pushes per our model: argv after `ssh`, then ` <command>` (PUSHARGS starts with a blank). */
export function modelled(
  line: string,
  run: Pick<Run, 'settings'>,
  pushKind: PushKind = 'all',
  archive = '',
): string[][] {
  const entry = parseMirrorList(`${line}\n`).entries.find(isMirror);
  if (!entry) return [];
  const plan = pushPlan(entry, run.settings, archive, pushKind);
  return plan.commands.map((c) => [...plan.argv, ` ${c}`].slice(1));
}

/** A whole list per our model: every line's pushes, up to the line whose rest kills runmirrors' loop. */
export function modelledList(text: string, run: Pick<Run, 'settings'>, archive = ''): string[][] {
  const out: string[][] = [];
  for (const entry of parseMirrorList(text).entries) {
    if (!isMirror(entry)) continue;
    if (entry.restKind === 'aborts') break;
    if (!pushType(entry)) continue;
    const plan = pushPlan(entry, run.settings, archive, 'all');
    out.push(...plan.commands.map((c) => [...plan.argv, ` ${c}`].slice(1)));
  }
  return out;
}

/** `ssh -G` over an argv (without `ssh`): what OpenSSH makes of it, paths under /home/archvsync moved to HOME. */
export function sshConfig(argv: readonly string[], home: string): { code: number; config: string[]; stderr: string } {
  const args = argv.map((a) => a.replaceAll('/home/archvsync', home));
  const r = spawnSync('ssh', ['-G', ...args], { env: { HOME: home, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
  // Identity files are compared from the argv: -G leaves out those that do not exist.
  const config = r.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('identityfile '));
  return {
    code: r.status ?? -1,
    config,
    stderr: r.stderr
      .split('\n')
      .filter((l) => l && !/^Pseudo-terminal|^Warning: Identity file/.test(l))
      .join(' '),
  };
}
