import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';
import { english, type Translate } from '../l10n';

// ftpsync's locks live in the archive root (TO): `Archive-Update-in-Progress-<MIRRORNAME>` holds the
// PID of the running ftpsync (`echo $$ > LOCK`), and `Archive-Update-Required-<MIRRORNAME>` is touched
// when a push arrives during a sync so ftpsync runs again. A lock whose PID is gone is stale and
// makes every later push log "Unable to start rsync, lock file still exists".

export interface InProgressLock {
  file: string;
  mirrorName: string;
  since: Date;
  pid?: number;
  /** `alive`: that PID runs ftpsync; `reused`: it runs something else; `dead`: no such process. Only meaningful on this host. */
  process: 'alive' | 'reused' | 'dead' | 'unknown';
}

export interface LockStatus {
  inProgress: InProgressLock[];
  updateRequired: { file: string; mirrorName: string; since: Date }[];
}

const IN_PROGRESS = 'Archive-Update-in-Progress-';
const REQUIRED = 'Archive-Update-Required-';

/** Reads the lock files in an archive root; `mirrorName` limits it to one mirror's locks. */
export async function readLockStatus(archiveRoot: string, mirrorName?: string): Promise<LockStatus> {
  let names: string[];
  try {
    names = await fs.promises.readdir(archiveRoot);
  } catch {
    return { inProgress: [], updateRequired: [] };
  }
  const status: LockStatus = { inProgress: [], updateRequired: [] };
  for (const name of names.sort()) {
    const file = path.join(archiveRoot, name);
    if (name.startsWith(IN_PROGRESS)) {
      const owner = name.slice(IN_PROGRESS.length);
      if (mirrorName && owner !== mirrorName) continue;
      const st = await fs.promises.stat(file).catch(() => undefined);
      if (!st) continue;
      // A PID, nothing more: a FIFO or a huge file under the lock's name is read as no PID.
      const text = await readRegularFile(file, { maxBytes: 4096 }).then(
        (b) => b.toString('utf8'),
        () => '',
      );
      const pid = /^\s*(\d+)\s*$/.test(text) ? Number(text.trim()) : undefined;
      status.inProgress.push({
        file,
        mirrorName: owner,
        since: st.mtime,
        ...(pid ? { pid } : {}),
        process: pid ? processState(pid) : 'unknown',
      });
    } else if (name.startsWith(REQUIRED)) {
      const owner = name.slice(REQUIRED.length);
      if (mirrorName && owner !== mirrorName) continue;
      const st = await fs.promises.stat(file).catch(() => undefined);
      if (st) status.updateRequired.push({ file, mirrorName: owner, since: st.mtime });
    }
  }
  return status;
}

/** Whether a PID runs ftpsync. A PID alone can be reused by another program after a crash. */
export function processState(pid: number): InProgressLock['process'] {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'unknown';
  }
  try {
    return runsFtpsync(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')) ? 'alive' : 'reused';
  } catch {
    return 'unknown';
  }
}

const INTERPRETER = /(^|\/)(env|bash|sh|dash)$/;

/**
 * Whether a process's command line (NUL-separated, as /proc/PID/cmdline) is ftpsync itself: the
 * program, or the script a shell runs (`bash /usr/bin/ftpsync sync:all`). Another program that only
 * names a path with "ftpsync" in it (`vim ~/.config/ftpsync/ftpsync.conf`) is not.
 */
export function runsFtpsync(cmdline: string): boolean {
  let argv = cmdline.split('\0').filter(Boolean);
  while (argv.length && INTERPRETER.test(argv[0]!)) {
    argv = argv.slice(1);
    while (argv[0]?.startsWith('-')) argv = argv.slice(1);
  }
  return /(^|\/)ftpsync$/.test(argv[0] ?? '');
}

/** One line for a tree item's description or tooltip. */
export function describeLocks(status: LockStatus, t: Translate = english): string | undefined {
  const parts: string[] = [];
  for (const lock of status.inProgress) {
    const since = lock.since.toISOString().replace('T', ' ').slice(0, 16);
    if (lock.process === 'alive') parts.push(t('syncing since {0} (PID {1})', since, String(lock.pid)));
    else if (lock.process === 'dead') parts.push(t('stale lock since {0}: PID {1} is gone', since, String(lock.pid)));
    else if (lock.process === 'reused')
      parts.push(t('stale lock since {0}: PID {1} is not ftpsync', since, String(lock.pid)));
    else parts.push(t('locked since {0}', since));
  }
  if (status.updateRequired.length) parts.push(t('another sync requested'));
  return parts.length ? parts.join('; ') : undefined;
}
