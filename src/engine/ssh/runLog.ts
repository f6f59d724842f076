import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SignalResult } from './fanout';

// The per-downstream log runmirrors keeps in LOGDIR/<name>.log: `date -u`, a "Sending … trigger"
// line in its msg() format, the downstream's output, then (our addition) the result. One append per
// attempt, so parallel downstreams never interleave inside a file.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** `date -u` as coreutils prints it in the C locale: `Tue Jan  2 10:00:00 UTC 2024`. */
export function dateU(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate(), 2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** runmirrors' msg(): `%b %d %H:%M:%S hostname PROGRAM[pid]: text` in local time. */
export function msgLine(d: Date, text: string): string {
  const stamp = `${MONTHS[d.getMonth()]} ${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${stamp} ${os.hostname().split('.')[0]} push-mirror[${process.pid}]: ${text}`;
}

/** A downstream name as a file name: runmirrors uses it verbatim; we keep it from leaving the directory. */
export function logFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'}.log`;
}

export async function appendDownstreamLog(
  dir: string,
  name: string,
  label: string,
  started: Date,
  r: SignalResult,
): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  const out = r.output && !r.output.endsWith('\n') ? `${r.output}\n` : r.output;
  const exit = r.exitCode !== undefined ? `, exit ${r.exitCode}` : '';
  const text =
    `${dateU(started)}\n` +
    `${msgLine(started, `Sending ${label} trigger`)}\n` +
    out +
    `${msgLine(new Date(), `Result: ${r.status}${exit}, ${Math.round(r.durationMs)} ms${r.message ? ` (${r.message})` : ''}`)}\n`;
  await fsp.appendFile(path.join(dir, logFileName(name)), text);
}
