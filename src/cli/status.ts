import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readRegularFileSync } from '../../server/src/node/files';
import { NAGIOS_CODE, worseState, type NagiosState } from '../../server/src/core/trace/freshness';
import type { HierarchyModel } from '../../server/src/core/trace/hierarchy';
import { runmirrorsListPath, loadPushSetup } from '../engine/ssh/setup';
import { isDelay, type Downstream } from '../engine/ssh/downstream';
import { applyInventory } from '../engine/ssh/inventory';
import type { Inventory } from '../engine/inventory/inventory';
import { TraceHttp } from '../engine/traces/http';
import { loadHierarchy } from '../engine/traces/hierarchy';
import { checkDownstreams, readMaster, type DownstreamStatus } from '../engine/traces/status';
import { UsageError, type Output } from './output';
import { inventoryPath, loadInventoryFile, localArchiveRoot, masterSource, parseDuration } from './traceInputs';

// `push-mirror status`: one look at every downstream's trace for cron and monitoring, judged as
// Debian's mirror checker judges it. Never prompts, never opens ssh. Exit codes follow the Nagios
// plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for a usage error).

export const STATUS_USAGE = `  status [options] [DOWNSTREAM...]
      Read each downstream's trace (pushmirror.yaml traceUrl) and judge it as Debian's mirror checker
      does: lag against this mirror's master trace, Archive-Update-in-Progress/-Required and their age,
      architectures configured against served. One line per downstream.
      --mirror-list FILE   as for signal (optional when the inventory lists the downstreams)
      --inventory FILE     pushmirror.yaml; default beside the mirror list
      --master FILE|URL    this mirror's master trace; default <TO>/project/trace/master of this host's
                           ftpsync.conf; without one, the age of each trace is judged instead of its lag
      --warning DURATION   lag for WARNING (default 12h: the checker's score stops rising)
      --critical DURATION  lag for CRITICAL (default 24h: the checker's score starts falling)
      --stale-lock DURATION  age of Archive-Update-in-Progress/-Required for WARNING (default 1h)
      --timeout SECONDS    per request (default 10)   --concurrency N (default 16)
      --hierarchy          also read _hierarchy/_traces: loops, upstream mismatches, single push paths
      --self NAME          a name downstreams use for this mirror as RSYNC_HOST (repeatable)
      --format text|json
      Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the worst downstream; CRITICAL > WARNING > UNKNOWN > OK).`;

interface StatusTarget {
  name: string;
  host?: string;
  traceUrl?: string;
}

function targetsOf(
  list: readonly Downstream[],
  inventory: Inventory | undefined,
  names: readonly string[],
): StatusTarget[] {
  const entries = inventory?.entries ?? new Map();
  const out: StatusTarget[] = list.map((d) => {
    const inv = entries.get(d.name);
    return { name: d.name, host: applyInventory(d, inv).host, ...(inv?.traceUrl ? { traceUrl: inv.traceUrl } : {}) };
  });
  for (const inv of entries.values())
    if (!out.some((t) => t.name === inv.name) && (inv.traceUrl || inv.host))
      out.push({
        name: inv.name,
        ...(inv.host ? { host: inv.host } : {}),
        ...(inv.traceUrl ? { traceUrl: inv.traceUrl } : {}),
      });
  if (!names.length) return out;
  const unknown = names.filter((n) => !out.some((t) => t.name === n));
  if (unknown.length) throw new UsageError(`unknown downstream ${unknown.join(', ')}`);
  return out.filter((t) => names.includes(t.name));
}

function hierarchyLines(model: HierarchyModel): string[] {
  const chain = [
    ...model.upstreams.map((h) => h.mirrorName),
    model.self ? `${model.self.mirrorName} (this mirror)` : 'this mirror',
  ];
  const lines = [`hierarchy: ${chain.join(' → ')}`];
  for (const own of model.findings.filter((f) => !f.downstream)) lines.push(`  ${own.level}: ${own.message}`);
  for (const d of model.downstreams) {
    lines.push(
      `  ${d.name}${d.pullsFrom ? ` pulls from ${d.pullsFrom}` : ''}${d.traces.length ? `; traces: ${d.traces.join(' ')}` : ''}`,
    );
    for (const f of d.findings) lines.push(`    ${f.level}: ${f.message}`);
  }
  return lines;
}

export async function runStatus(args: string[], out: Output, signal?: AbortSignal): Promise<number> {
  try {
    return await status(args, out, signal);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error((error as Error).message);
      out.info('run `push-mirror --help` for usage');
      return NAGIOS_CODE.UNKNOWN;
    }
    throw error;
  }
}

async function status(args: string[], out: Output, signal?: AbortSignal): Promise<number> {
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'mirror-list': { type: 'string' },
      inventory: { type: 'string' },
      master: { type: 'string' },
      warning: { type: 'string', default: '12h' },
      critical: { type: 'string', default: '24h' },
      'stale-lock': { type: 'string', default: '1h' },
      timeout: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      hierarchy: { type: 'boolean', default: false },
      self: { type: 'string', multiple: true, default: [] },
      format: { type: 'string', default: 'text' },
    },
  });
  if (v.format !== 'text' && v.format !== 'json')
    throw new UsageError(`--format must be text or json, not \`${v.format}\``);
  const thresholds = {
    warningMs: parseDuration('warning', v.warning),
    criticalMs: parseDuration('critical', v.critical),
    staleLockMs: parseDuration('stale-lock', v['stale-lock']),
  };
  if (thresholds.criticalMs < thresholds.warningMs) throw new UsageError('--critical must not be below --warning');
  const timeoutMs = parseDuration('timeout', v.timeout);
  const concurrency = Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency takes a whole number ≥ 1');

  const listFile = v['mirror-list'] ?? runmirrorsListPath();
  let list: Downstream[] = [];
  if (listFile) {
    try {
      const setup = loadPushSetup({ mirrorList: listFile, sshConfig: 'none', onlyKnownHosts: true });
      list = setup.entries.filter((e): e is Downstream => !isDelay(e));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const invFile = inventoryPath(v.inventory, listFile);
  const inventory = invFile ? await loadInventoryFile(invFile, out) : undefined;
  if (!listFile && !inventory)
    throw new UsageError(
      'no downstreams: pass --mirror-list or --inventory, or create ~/.config/ftpsync/runmirrors.mirror',
    );
  const targets = targetsOf(list, inventory, positionals);
  if (!targets.length) throw new UsageError(`no downstreams in ${[listFile, invFile].filter(Boolean).join(' or ')}`);

  const http = new TraceHttp({ timeoutMs });
  try {
    const masterWhere = masterSource(v.master);
    const master = masterWhere ? await readMaster(http, masterWhere) : undefined;
    if (!masterWhere)
      out.info(
        "no master trace (--master, or TO of this host's ftpsync.conf): judging the age of each trace, not its lag",
      );
    else if (master?.error) out.info(`master trace ${masterWhere}: ${master.error}; judging ages instead of lag`);
    const statuses = await checkDownstreams(targets, {
      http,
      ...(master ? { master } : {}),
      thresholds,
      concurrency,
      ...(signal ? { signal } : {}),
    });
    const hierarchy = v.hierarchy ? await readHierarchy(targets, listFile, v.self, http, signal) : undefined;
    const worst = statuses.reduce<NagiosState>((w, s) => worseState(w, s.verdict.state), 'OK');
    print(out, v.format, { worst, statuses, masterWhere, hierarchy, thresholds });
    return NAGIOS_CODE[worst];
  } finally {
    http.close();
  }
}

async function readHierarchy(
  targets: readonly StatusTarget[],
  listFile: string | undefined,
  selfArg: readonly string[],
  http: TraceHttp,
  signal?: AbortSignal,
): Promise<HierarchyModel> {
  const root = localArchiveRoot();
  let selfHierarchy: string | undefined;
  try {
    if (root) selfHierarchy = readRegularFileSync(path.join(root, 'project', 'trace', '_hierarchy')).toString('utf8');
  } catch {
    // A mirror that never synced has none.
  }
  const own = selfHierarchy?.trim().split('\n').pop()?.split(/\s+/) ?? [];
  const selfNames = [...selfArg, ...(own.length === 4 ? [own[1]!, own[2]!] : []), os.hostname()];
  return loadHierarchy(
    targets.map((t) => ({
      name: t.name,
      ...(t.host ? { host: t.host } : {}),
      ...(t.traceUrl ? { traceUrl: t.traceUrl } : {}),
      pushedBy: [listFile ? path.basename(listFile) : 'pushmirror.yaml'],
    })),
    { http, selfNames, ...(selfHierarchy ? { selfHierarchy } : {}), ...(signal ? { signal } : {}) },
  );
}

function print(
  out: Output,
  format: string,
  r: {
    worst: NagiosState;
    statuses: DownstreamStatus[];
    masterWhere: string | undefined;
    hierarchy: HierarchyModel | undefined;
    thresholds: object;
  },
): void {
  if (format === 'json') {
    out.print(
      JSON.stringify(
        {
          state: r.worst,
          code: NAGIOS_CODE[r.worst],
          master: r.masterWhere ?? null,
          thresholds: r.thresholds,
          downstreams: r.statuses.map((s) => ({ name: s.name, traceUrl: s.traceUrl ?? null, ...s.verdict })),
          ...(r.hierarchy ? { hierarchy: r.hierarchy } : {}),
        },
        null,
        2,
      ),
    );
    return;
  }
  const counts = new Map<NagiosState, string[]>();
  for (const s of r.statuses) counts.set(s.verdict.state, [...(counts.get(s.verdict.state) ?? []), s.name]);
  const parts = (['CRITICAL', 'WARNING', 'UNKNOWN', 'OK'] as const)
    .filter((st) => counts.has(st))
    .map((st) => `${counts.get(st)!.length} ${st}${st === 'OK' ? '' : ` (${counts.get(st)!.join(', ')})`}`);
  out.print(
    `PUSH MIRROR ${r.worst}: ${r.statuses.length} downstream${r.statuses.length === 1 ? '' : 's'}, ${parts.join(', ')}`,
  );
  for (const s of r.statuses) out.print(`${s.verdict.state}\t${s.name}\t${s.verdict.summary}`);
  if (r.hierarchy) for (const line of hierarchyLines(r.hierarchy)) out.print(line);
}
