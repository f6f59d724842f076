import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readHeadSync } from '../../../server/src/node/files';
import { parseDateLine } from '../inventory/status';
import { expandHome } from '../keys/keyFile';
import { english, type Translate } from '../l10n';

// Where the sync logs of this host are. ftpsync writes `<name>.log`, `rsync-<name>.log` and
// `rsync-<name>.error` into LOGDIR (Debian package default ~/.local/log/ftpsync; the archvsync home
// layout uses ~/log); runmirrors writes `runmirrors.log` and one `<ShortName>.log` per downstream.
// Rotated copies are `<file>.0`, `.1`, … (ftpsync's savelog). A `<ShortName>.log` is told from an
// ftpsync log by the downstream names when they are known, else by its first line: runmirrors (and
// our signal) start each push there with the output of `date -u`, ftpsync never does.

export type LogKind = 'ftpsync' | 'rsync' | 'rsync-error' | 'runmirrors' | 'downstream';

export interface LogFile {
  file: string;
  kind: LogKind;
  /** ftpsync archive name or downstream ShortName. */
  name: string;
  size: number;
  modified: Date;
}

/** LOGDIR candidates, most specific first: configured ones, then the workspace's archvsync home, then the defaults. */
export function logDirCandidates(
  configured: readonly string[],
  workspaceRoots: readonly string[],
  home = os.homedir(),
): string[] {
  const dirs = [
    ...configured.map((d) => expandHome(d, home)),
    ...workspaceRoots.map((root) => path.join(root, 'log')),
    path.join(home, '.local', 'log', 'ftpsync'),
    path.join(home, 'log'),
  ];
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

/** Current (not rotated) log files in the given directories, newest first. */
export function discoverLogs(dirs: readonly string[], downstreams: readonly string[] = []): LogFile[] {
  const found: LogFile[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const kind = classify(name, downstreams, file);
      if (!kind) continue;
      try {
        const st = fs.statSync(file);
        if (st.isFile()) found.push({ file, ...kind, size: st.size, modified: st.mtime });
      } catch {
        // vanished between readdir and stat (rotation): skip
      }
    }
  }
  return found.sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

function classify(
  name: string,
  downstreams: readonly string[],
  file: string,
): { kind: LogKind; name: string } | undefined {
  let m: RegExpMatchArray | null;
  if ((m = /^rsync-(.+)\.log$/.exec(name))) return { kind: 'rsync', name: m[1] };
  if ((m = /^rsync-(.+)\.error$/.exec(name))) return { kind: 'rsync-error', name: m[1] };
  if (/^runmirrors.*\.log$/.test(name)) return { kind: 'runmirrors', name: name.replace(/\.log$/, '') };
  if ((m = /^(.+)\.log$/.exec(name))) {
    if (downstreams.includes(m[1]) || startsLikePushLog(file)) return { kind: 'downstream', name: m[1] };
    if (/^ftpsync/.test(m[1]) || !downstreams.length) return { kind: 'ftpsync', name: m[1] };
  }
  return undefined;
}

function startsLikePushLog(file: string): boolean {
  const head = readHeadSync(file, 256)?.toString('utf8') ?? '';
  return parseDateLine(head.split('\n')[0]) !== undefined;
}

/** What a log is, in words, for pickers: `eu.two — runmirrors log`, `ftpsync log (archive security)`. */
export function describeLog(log: Pick<LogFile, 'kind' | 'name'>, t: Translate = english): string {
  const archive = (name: string) =>
    name === 'ftpsync' ? '' : ` (${name.startsWith('ftpsync-') ? t('archive {0}', name.slice(8)) : name})`;
  switch (log.kind) {
    case 'ftpsync':
      return `${t('ftpsync log')}${archive(log.name)}`;
    case 'rsync':
      return `${t('rsync log of ftpsync')}${archive(log.name)}`;
    case 'rsync-error':
      return `${t('rsync errors of ftpsync')}${archive(log.name)}`;
    case 'runmirrors':
      return log.name === 'runmirrors' ? t('runmirrors log') : `${t('runmirrors log')} (${log.name})`;
    case 'downstream':
      return `${log.name} — ${t('runmirrors log')}`;
  }
}
