import type { SignalResult } from '../ssh/fanout';

// Why a signalled downstream did not sync: what its forced command said and how it exited (ftpsync
// runs in the foreground of the ssh session, so its exit status comes back with the signal), read
// against what ftpsync 20180513+nmu1 does: exit 1 with "Unable to start rsync, lock file still
// exists" when a sync is running (that sync picks the push up through Archive-Update-Required),
// `${LOGNAME:?}` before anything is logged, 78 (EX_CONFIG) without a config, 3 and 4 when stage 1 or
// 2 fails; 126 and 127 are the shell's "not executable" and "not found".

/** The forced command found a sync running and left the push to it (Archive-Update-Required). */
export function joinedRunningSync(r: SignalResult): boolean {
  return r.exitCode === 1 && /lock file still exists|lock file younger/.test(r.output);
}

function lastLine(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines[lines.length - 1];
  return last ? `"${last.slice(0, 200)}"` : undefined;
}

/**
 * Causes when the exit status says the sync will not happen; undefined when it may still happen (exit 0,
 * still running, or a running sync took the push over).
 */
export function exitCauses(r: SignalResult): string[] | undefined {
  if (!r.accepted || r.exitCode === undefined || r.exitCode === 0 || joinedRunningSync(r)) return undefined;
  const said = lastLine(r.output);
  const tail = said ? `; it said ${said}` : '';
  switch (r.exitCode) {
    case 127:
      return [
        `the forced command was not found (exit 127): check command="…" in the downstream's authorized_keys${tail}`,
      ];
    case 126:
      return [`the forced command is not executable (exit 126)${tail}`];
    case 78:
      return [`ftpsync found no config for this archive (exit 78): ~/.config/ftpsync/ftpsync[-ARCHIVE].conf${tail}`];
    case 64:
      return [`ftpsync refused its options (exit 64)${tail}`];
    case 3:
      return [
        `stage 1 rsync failed (exit 3): the downstream's rsync-ftpsync.error says why (auth failed: RSYNC_USER/RSYNC_PASSWORD; unknown module: RSYNC_PATH; no route: RSYNC_HOST)${tail}`,
      ];
    case 4:
      return [
        `stage 2 failed (exit 4): rsync failed, or the upstream's Archive-Update-in-Progress was still there after UIPRETRIES tries${tail}`,
      ];
  }
  if (/LOGNAME unset/.test(r.output))
    return [`LOGNAME is not set for the forced command: ftpsync stops before it logs anything${tail}`];
  return [`the forced command exited ${r.exitCode}${tail}`];
}

/** Why a signal did not reach the downstream (refused host key, key not accepted, no answer). */
export function notSignalledCauses(results: readonly SignalResult[]): string[] {
  return results
    .filter((r) => !r.accepted)
    .map((r) => `the signal (${r.stage}) was not delivered: ${r.status}${r.message ? `, ${r.message}` : ''}`);
}

export interface WaitEvidence {
  label: string;
  site?: string;
  /** Archive-Update-in-Progress was there before the signal. */
  lockBefore: boolean;
  /** It appeared after the signal. */
  syncSeen: boolean;
  /** A log source: a new `Mirrorsync start` was seen. */
  logSource: boolean;
  /** The baseline was read only after the signal had been sent. */
  lateBaseline: boolean;
  lastError?: string;
  /** Signal results of this downstream. */
  results: readonly SignalResult[];
  /** ERROR lines of the run that was seen, for log sources. */
  runErrors: readonly string[];
  waitedMs: number;
}

/** The likely causes, most likely first, when the wait ended without the trace changing. */
export function waitCauses(e: WaitEvidence): string[] {
  const causes: string[] = [];
  const seconds = Math.round(e.waitedMs / 1000);
  const marker = `Archive-Update-in-Progress${e.site ? `-${e.site}` : ''}`;
  if (e.runErrors.length) causes.push(`the sync logged: ${e.runErrors.join(' | ')}`);
  if (e.syncSeen)
    causes.push(
      e.logSource
        ? `ftpsync started (its log says "Mirrorsync start") but had not finished after ${seconds} s`
        : `the sync started (${marker} appeared) but had not finished after ${seconds} s`,
    );
  else if (e.lockBefore)
    causes.push(
      `${marker} was there before the signal and still is: a sync running all along, or a stale lock left by a killed run`,
    );
  const accepted = e.results.filter((r) => r.accepted);
  if (accepted.some((r) => r.exitCode === 0) && !e.syncSeen)
    causes.push(
      e.logSource
        ? `the forced command exited 0 but ${e.label} shows no new run: the command may not run ftpsync, or logs elsewhere`
        : `the forced command exited 0 but ${e.label} did not change: the URL may not serve ftpsync's TO/project/trace/MIRRORNAME, or the push was stage 1 only`,
    );
  if (accepted.some((r) => r.status === 'timeout'))
    causes.push(
      'the forced command was still running when the signal timed out: the sync may need longer than the wait',
    );
  if (!e.syncSeen && !e.lockBefore && !accepted.some((r) => r.exitCode === 0))
    causes.push(
      `no sign of a sync on ${e.label}: the forced command may not start ftpsync (command="…" in the downstream's authorized_keys)`,
    );
  if (e.lastError) causes.push(`the last reading failed: ${e.lastError}`);
  if (e.lateBaseline)
    causes.push(`${e.label} answered only after the signal was sent, so a quick sync may have finished unseen`);
  return causes;
}
