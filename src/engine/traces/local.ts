import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';
import {
  judgeDownstream,
  worseState,
  type Thresholds,
  type TraceReading,
  type Verdict,
} from '../../../server/src/core/trace/freshness';
import { parseTrace } from '../../../server/src/core/trace/parser';
import { readLockStatus } from '../logs/locks';
import type { TraceHttp } from './http';
import { readMaster } from './status';

// This host's own freshness ("This Mirror"): its site trace and locks read from its archive root (TO),
// judged against its upstream's master trace, the way Debian's mirror checker would judge it. Here the
// lock's PID can be asked too: a lock whose ftpsync is gone is stale whatever its age.

export interface LocalArchive {
  /** ftpsync's TO. */
  to: string;
  /** ftpsync's MIRRORNAME (its trace is TO/project/trace/MIRRORNAME). */
  mirrorName: string;
  /** The upstream's master trace: a URL (see upstreamMasterUrl) or a file; absent: age is judged. */
  upstreamMaster?: string;
}

/** Where an upstream serves its master trace over HTTP, as ftpsync-cron looks for traces: http://RSYNC_HOST/RSYNC_PATH/project/trace/. */
export function upstreamMasterUrl(rsyncHost: string, rsyncPath = 'debian'): string {
  return `http://${rsyncHost}/${rsyncPath.replace(/^\/+|\/+$/g, '')}/project/trace/master`;
}

export async function checkLocalArchive(
  a: LocalArchive,
  o: { http: TraceHttp; now?: number; thresholds?: Partial<Thresholds> },
): Promise<Verdict> {
  const file = path.join(a.to, 'project', 'trace', a.mirrorName);
  let site: TraceReading;
  try {
    site = { trace: parseTrace((await readRegularFile(file, { maxBytes: 64 * 1024 })).toString('utf8')) };
  } catch (error) {
    site = { error: (error as Error).message };
  }
  const locks = await readLockStatus(a.to, a.mirrorName);
  const lock = locks.inProgress[0];
  const required = locks.updateRequired[0];
  const master = a.upstreamMaster ? await readMaster(o.http, a.upstreamMaster) : undefined;
  const verdict = judgeDownstream(
    {
      now: o.now ?? Date.now(),
      site,
      ...(master ? { master } : {}),
      inProgress: lock ? { present: true, modified: lock.since.getTime() } : { present: false },
      required: required ? { present: true, modified: required.since.getTime() } : { present: false },
      ...(o.thresholds ? { thresholds: o.thresholds } : {}),
    },
    a.mirrorName,
  );
  if (
    lock &&
    (lock.process === 'dead' || lock.process === 'reused') &&
    !verdict.findings.some((f) => f.code === 'stale-in-progress')
  ) {
    const message = `stale Archive-Update-in-Progress-${a.mirrorName}: its ftpsync (PID ${lock.pid}) is gone; the next run takes the lock over`;
    verdict.findings = verdict.findings.filter((f) => f.code !== 'in-progress');
    verdict.findings.push({ state: 'WARNING', code: 'stale-in-progress', message });
    verdict.state = worseState(verdict.state, 'WARNING');
    verdict.summary = `${verdict.summary}; ${message}`;
  }
  return verdict;
}
