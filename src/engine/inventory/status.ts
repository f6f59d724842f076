// Push status from runmirrors' own logs (ftpsync 20180513+nmu1). For every push runmirrors appends to
// LOGDIR/<ShortName>.log: the output of `date -u`, then "… Sending normal trigger" (or "first stage",
// "second stage"), then whatever ssh printed. Its main log (LOGDIR/runmirrors[-NAME].log, rotated
// each run) says "<t> trigger succeeded: HOST" or "<t> trigger failed: HOST" (failed = ssh exit 255).
// Our own signals append to the same per-downstream log (src/engine/ssh/runLog.ts) and end the
// block with "push-mirror[pid]: Result: ok, exit 0, 52 ms". This file is the one reading of those
// logs: the Downstreams view shows what it returns right after a signal and after any reload alike.

export type PushResult = 'ok' | 'failed' | 'skipped' | 'sent' | 'unknown';

export interface PushStatus {
  /** When the last push started (ms since epoch), from the `date -u` line. */
  time?: number;
  result: PushResult;
  /** The ssh output line that tells what went wrong, or the trigger kind. */
  detail?: string;
  source: 'runmirrors' | 'signal';
}

const DATE_LINE = /^(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d:\d\d:\d\d) (?:UTC|GMT|[A-Z]{2,5}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Our signal's closing line (runLog.ts): status, exit code, duration, and the reason in parentheses. */
const OUR_RESULT =
  /\bpush-mirror\[\d+\]: Result: (ok|failed|refused|timeout|cancelled)(?:, exit (\d+))?, (\d+) ms(?: \((.*)\))?\s*$/;
const SSH_FAILURE =
  /Permission denied|Connection refused|Connection timed out|Could not resolve hostname|No route to host|Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|Bad port|no argument after keyword|Connection closed by|not a valid identifier|protocol v\.1 is no longer supported|usage: ssh/;

/** A C-locale `date -u` line as UTC milliseconds. */
export function parseDateLine(line: string): number | undefined {
  const m = DATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]);
  if (month < 0) return undefined;
  const [h, min, s] = m[3].split(':').map(Number);
  return Date.UTC(Number(m[4]), month, Number(m[2]), h, min, s);
}

/** The last push recorded in a per-mirror log. */
export function parseMirrorLog(text: string): PushStatus | undefined {
  const lines = text.split('\n');
  let start = -1;
  let time: number | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = parseDateLine(lines[i]);
    if (t !== undefined) {
      start = i;
      time = t;
      break;
    }
  }
  if (start < 0) return undefined;
  const block = lines.slice(start + 1).filter((l) => l.trim() !== '');
  const sending = block.filter((l) => /Sending (.+) trigger$/.test(l)).map((l) => /Sending (.+) trigger$/.exec(l)![1]);
  if (sending.length === 0)
    return {
      time,
      result: 'skipped',
      detail: 'runmirrors wrote the date but sent no trigger (unknown push type?)',
      source: 'runmirrors',
    };
  const ours = ourResult(block, sending[sending.length - 1]);
  if (ours) return { time, ...ours };
  const failure = block.find((l) => SSH_FAILURE.test(l));
  if (failure) return { time, result: 'failed', detail: failure.trim(), source: 'runmirrors' };
  const waited = block.find((l) => /Failed to wait for all other mirrors/.test(l));
  return {
    time,
    result: 'sent',
    detail: waited ? waited.replace(/^.*?: /, '') : `${sending.join(', ')} trigger sent`,
    source: 'runmirrors',
  };
}

/**
 * The outcome our signal wrote at the end of its block. Signalled means what the signal engine's
 * `signalled()` means: exit status received, or the command accepted and still running at the
 * timeout (connect.ts words that "command accepted, …").
 */
function ourResult(block: readonly string[], trigger: string): Omit<PushStatus, 'time'> | undefined {
  const line = block[block.length - 1];
  const m = line === undefined ? null : OUR_RESULT.exec(line);
  if (!m) return undefined;
  const [, status, exit, ms, why] = m;
  const signalled = status === 'ok' || (status === 'timeout' && /^command accepted/.test(why ?? ''));
  const detail = `${trigger} trigger: ${status}${exit !== undefined ? `, exit ${exit}` : ''}, ${ms} ms${why ? ` (${why})` : ''}`;
  return { result: signalled ? 'ok' : 'failed', detail, source: 'signal' };
}

/** Per host, the last "trigger succeeded|failed" verdict of runmirrors' main log. */
export function parseMainLog(text: string): Map<string, { ok: boolean; line: string }> {
  const verdicts = new Map<string, { ok: boolean; line: string }>();
  for (const line of text.split('\n')) {
    const m = /trigger (succeeded|failed): (\S+)\s*$/.exec(line);
    if (m) verdicts.set(m[2], { ok: m[1] === 'succeeded', line: line.trim() });
  }
  return verdicts;
}

/** Combines the mirror's own log with the main log's verdict for its host. */
export function pushStatus(
  mirrorLog: string | undefined,
  mainVerdict: { ok: boolean; line: string } | undefined,
): PushStatus | undefined {
  const own = mirrorLog === undefined ? undefined : parseMirrorLog(mirrorLog);
  if (!own)
    return mainVerdict
      ? { result: mainVerdict.ok ? 'ok' : 'failed', detail: mainVerdict.line, source: 'runmirrors' }
      : undefined;
  if (own.result === 'sent' && mainVerdict)
    return {
      ...own,
      result: mainVerdict.ok ? 'ok' : 'failed',
      ...(mainVerdict.ok ? {} : { detail: mainVerdict.line }),
    };
  return own;
}
