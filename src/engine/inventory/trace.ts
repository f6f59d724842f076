import { parseRfc2822 } from '../../../server/src/core/trace/dates';
import { fieldValue, parseTrace as parseTraceFile } from '../../../server/src/core/trace/parser';

// The date and serial of a trace file ftpsync writes after each sync (project/trace/<hostname>),
// read by the trace parser of server/src/core/trace: "Date: <RFC 2822>"
// (else the `date -u` first line, as in date-only traces) and "Archive serial: <serial>".

export interface TraceInfo {
  /** When the downstream finished its last sync (ms since epoch). */
  date?: number;
  serial?: string;
  host?: string;
}

export function parseTrace(text: string): TraceInfo {
  const doc = parseTraceFile(text);
  const field = (name: string) => fieldValue(doc, name) || undefined;
  const date = parseRfc2822(field('Date') ?? '') ?? doc.dateLine?.time;
  const serial = field('Archive serial');
  const host = field('Running on host') ?? field('Creator');
  return { ...(date !== undefined ? { date } : {}), ...(serial ? { serial } : {}), ...(host ? { host } : {}) };
}

export function formatAge(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}
