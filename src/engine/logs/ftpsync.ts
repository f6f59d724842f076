import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { archvsyncSeed } from '../../../server/src/core/mirrors/check';
import { parseShellAssignments } from '../../../server/src/core/mirrors/conf';
import { readRegularFile } from '../../../server/src/node/files';
import { readLockStatus, type LockStatus } from './locks';

// This host's own ftpsync runs, one per archive: `ftpsync.conf` (the default archive) and
// `ftpsync-<archive>.conf`, searched in ftpsync's CONFDIRS (~/.config/ftpsync, /etc/ftpsync) and in
// an archvsync home's etc/. Values and defaults as /usr/bin/ftpsync (ftpsync 20180513+nmu1) has them:
// LOGDIR ~/.local/log/ftpsync (set before the config is sourced), TO /srv/mirrors/debian/,
// MIRRORNAME `hostname -f`; logs NAME.log, rsync-NAME.log and rsync-NAME.error with NAME
// `ftpsync` or `ftpsync-<archive>`. Variables expand as for the Downstreams view's runmirrors.conf:
// the same shell reader, and in an archvsync home (`<home>/etc/ftpsync.conf`) BASEDIR is that home,
// so `LOGDIR="${BASEDIR}/log"` means the same directory in both views.

export interface FtpsyncArchive {
  /** `default` for ftpsync.conf, else the archive name. */
  archive: string;
  config: string;
  /** Archive root, where the lock files live. */
  to: string;
  /** Set only when the config names it; otherwise every mirror's lock in TO is shown. */
  mirrorName?: string;
  logDir: string;
  logs: { ftpsync: string; rsync: string; rsyncError: string };
  /** RSYNC_HOST, the upstream it pulls from (required by ftpsync; absent when unset or computed). */
  rsyncHost?: string;
  /** RSYNC_PATH, the upstream's module (ftpsync's default `debian`). */
  rsyncPath: string;
}

const CONFIG_NAME = /^ftpsync(?:-([A-Za-z0-9._-]+))?\.conf$/;

export function ftpsyncConfigDirs(home = os.homedir(), workspaceRoots: readonly string[] = []): string[] {
  return [path.join(home, '.config', 'ftpsync'), '/etc/ftpsync', ...workspaceRoots.map((r) => path.join(r, 'etc'))];
}

/** ftpsync configs in the given directories; the first directory that has an archive's file wins, as ftpsync's search does. */
export function findFtpsyncConfigs(dirs: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.sort())
      if (CONFIG_NAME.test(name) && !byName.has(name)) byName.set(name, path.join(dir, name));
  }
  return [...byName.values()];
}

export function readFtpsyncConfig(file: string, text: string, home = os.homedir()): FtpsyncArchive {
  const archive = CONFIG_NAME.exec(path.basename(file))?.[1] ?? 'default';
  const vars = parseShellAssignments(text, home, {
    LOGDIR: path.join(home, '.local', 'log', 'ftpsync'),
    ...archvsyncSeed(file),
  });
  const value = (name: string) => {
    const v = vars.get(name);
    return v && !v.dynamic && v.value ? v.value : undefined;
  };
  const logDir = value('LOGDIR') ?? path.join(home, '.local', 'log', 'ftpsync');
  const name = archive === 'default' ? 'ftpsync' : `ftpsync-${archive}`;
  const mirrorName = value('MIRRORNAME');
  const rsyncHost = value('RSYNC_HOST');
  return {
    archive,
    config: file,
    to: value('TO') ?? '/srv/mirrors/debian/',
    ...(mirrorName ? { mirrorName } : {}),
    logDir,
    logs: {
      ftpsync: value('LOG') ?? path.join(logDir, `${name}.log`),
      rsync: path.join(logDir, `rsync-${name}.log`),
      rsyncError: path.join(logDir, `rsync-${name}.error`),
    },
    ...(rsyncHost ? { rsyncHost } : {}),
    rsyncPath: value('RSYNC_PATH') ?? 'debian',
  };
}

export interface ArchiveStatus extends FtpsyncArchive {
  locks: LockStatus;
}

/** Reads every config and the lock files of its archive root. All I/O of the "This Mirror" view. */
export async function loadArchiveStatuses(configs: readonly string[], home = os.homedir()): Promise<ArchiveStatus[]> {
  const out: ArchiveStatus[] = [];
  for (const config of configs) {
    let text: string;
    try {
      text = (await readRegularFile(config)).toString('utf8');
    } catch {
      continue;
    }
    const archive = readFtpsyncConfig(config, text, home);
    out.push({ ...archive, locks: await readLockStatus(archive.to, archive.mirrorName) });
  }
  return out;
}
