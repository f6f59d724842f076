import { existsSync } from 'node:fs';
import * as os from 'node:os';
import type { Verdict } from '../../server/src/core/trace/freshness';
import { readRegularFileSync } from '../../server/src/node/files';
import { findFtpsyncConfigs, ftpsyncConfigDirs, readFtpsyncConfig, type FtpsyncArchive } from '../engine/logs/ftpsync';
import { TraceHttp } from '../engine/traces/http';
import { checkDownstreams, masterOf, readMaster } from '../engine/traces/status';

// The Downstreams view's freshness reads: each downstream's trace URL (from pushmirror.yaml, nothing
// else) and its Archive-Update markers, judged against this host's own master trace (TO of its
// ftpsync.conf, a local file) as `push-mirror status` judges them. Called on the view's refresh and
// after a signal, never on a timer. No `vscode` import.

/** This host's archives: ftpsync.conf and ftpsync-<archive>.conf in ftpsync's CONFDIRS and the workspace's etc/. */
export function localArchives(roots: readonly string[], home = os.homedir()): FtpsyncArchive[] {
  const out: FtpsyncArchive[] = [];
  for (const config of findFtpsyncConfigs(ftpsyncConfigDirs(home, roots))) {
    try {
      out.push(readFtpsyncConfig(config, readRegularFileSync(config).toString('utf8'), home));
    } catch {
      continue; // unreadable: "This Mirror" says so; here it just gives no master trace
    }
  }
  return out;
}

/** The master trace downstreams are judged against: the default archive's, else the first archive's. */
export function localMasterTrace(archives: readonly FtpsyncArchive[]): string | undefined {
  const archive = archives.find((a) => a.archive === 'default') ?? archives[0];
  const file = archive ? masterOf(archive.to) : undefined;
  return file && existsSync(file) ? file : undefined;
}

export class FreshnessReader {
  private readonly http = new TraceHttp();

  /** Verdicts keyed by trace URL; each URL read once however many lists name it. */
  async read(
    traceUrls: readonly string[],
    roots: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, Verdict>> {
    const urls = [...new Set(traceUrls)];
    if (!urls.length) return new Map();
    const masterFile = localMasterTrace(localArchives(roots));
    const master = masterFile ? await readMaster(this.http, masterFile) : undefined;
    const statuses = await checkDownstreams(
      urls.map((traceUrl) => ({ name: traceUrl, traceUrl })),
      { http: this.http, ...(master ? { master } : {}), concurrency: 4, ...(signal ? { signal } : {}) },
    );
    return new Map(statuses.map((s) => [s.name, s.verdict]));
  }

  close(): void {
    this.http.close();
  }
}
