import * as http from 'node:http';
import * as https from 'node:https';
import { parseRfc2822 } from '../../../server/src/core/trace/dates';
import { fieldValue, parseTrace as parseTraceFile } from '../../../server/src/core/trace/parser';

// A downstream's freshness from the trace file ftpsync writes after each sync
// (project/trace/<hostname>), read by the trace parser of server/src/core/trace: "Date: <RFC 2822>"
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

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Redirects to follow (only to http/https). */
  maxRedirects?: number;
}

/** Fetches and parses a trace file; rejects with a readable message on any failure. */
export function fetchTrace(url: string, options: FetchOptions = {}): Promise<TraceInfo> {
  const { timeoutMs = 8000, maxBytes = 64 * 1024, maxRedirects = 2 } = options;
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`not a URL: ${url}`));
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error(`only http and https trace URLs are fetched, not ${target.protocol}`));
      return;
    }
    const get = target.protocol === 'https:' ? https.get : http.get;
    const req = get(target, { timeout: timeoutMs, headers: { 'user-agent': 'push-mirror-vscode' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (maxRedirects <= 0) return reject(new Error(`too many redirects at ${url}`));
        const next = new URL(res.headers.location, target).href;
        return fetchTrace(next, { ...options, maxRedirects: maxRedirects - 1 }).then(resolve, reject);
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`HTTP ${status} for ${url}`));
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > maxBytes) req.destroy(new Error(`trace file larger than ${maxBytes} bytes`));
      });
      res.on('end', () => {
        const info = parseTrace(body);
        if (info.date === undefined && info.serial === undefined)
          reject(new Error(`${url} is not an ftpsync trace file (no Date: or Archive serial: line)`));
        else resolve(info);
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.host} within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** "3 h 12 min" style age. */
export function formatAge(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}
