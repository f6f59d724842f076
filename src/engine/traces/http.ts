import * as http from 'node:http';
import * as https from 'node:https';

// Reading trace files over HTTP(S), bounded: one deadline for the whole request (connect, redirects,
// body), a size cap, redirects only to http(s), certificates verified as Node verifies them. A dead
// host costs its own timeout and nothing else: every request has its own clock. Connections are kept
// alive per client, so polling a downstream every few hundred milliseconds reuses one socket.

export interface HttpReply {
  status: number;
  /** Decoded as the mirror checker decodes: UTF-8, else ISO 8859-1. Empty for HEAD. */
  body: string;
  /** Last-Modified, ms since the epoch. */
  lastModified?: number;
  /** The URL that answered, after redirects. */
  url: string;
}

export interface HttpOptions {
  method?: 'GET' | 'HEAD';
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 64 * 1024;

function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return buffer.toString('latin1');
  }
}

/** A client with keep-alive agents; `close()` ends its sockets. */
export class TraceHttp {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };

  constructor(private readonly defaults: { timeoutMs?: number; maxBytes?: number } = {}) {}

  /** Resolves with any HTTP status; rejects (with a message naming the URL) on a network error, timeout, or cap. */
  request(url: string, options: HttpOptions = {}): Promise<HttpReply> {
    const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    return this.follow(url, options, deadline, timeoutMs, options.maxRedirects ?? 3);
  }

  private follow(
    url: string,
    options: HttpOptions,
    deadline: number,
    timeoutMs: number,
    redirectsLeft: number,
  ): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return reject(new Error(`not a URL: ${url}`));
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        return reject(new Error(`only http and https trace URLs are read, not ${target.protocol}`));
      if (options.signal?.aborted) return reject(new Error('cancelled'));
      const maxBytes = options.maxBytes ?? this.defaults.maxBytes ?? DEFAULT_MAX_BYTES;
      const get = target.protocol === 'https:' ? https.request : http.request;
      let settled = false;
      const finish = (error: Error | undefined, reply?: HttpReply) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) {
          req.destroy();
          reject(error);
        } else resolve(reply!);
      };
      const req = get(
        target,
        {
          method: options.method ?? 'GET',
          agent: this.agents[target.protocol],
          headers: { 'user-agent': 'push-mirror', 'cache-control': 'no-cache' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          if (status >= 300 && status < 400 && location) {
            res.resume();
            if (redirectsLeft <= 0) return finish(new Error(`too many redirects from ${url}`));
            const next = new URL(location, target).href;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            return void this.follow(next, options, deadline, timeoutMs, redirectsLeft - 1).then(resolve, reject);
          }
          const modified = res.headers['last-modified'] ? Date.parse(res.headers['last-modified']) : NaN;
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) return finish(new Error(`${url} is larger than ${maxBytes} bytes; not a trace file`));
            chunks.push(chunk);
          });
          res.on('end', () =>
            finish(undefined, {
              status,
              body: decode(Buffer.concat(chunks)),
              ...(Number.isFinite(modified) ? { lastModified: modified } : {}),
              url: target.href,
            }),
          );
          res.on('error', (e) => finish(new Error(`${url}: ${e.message}`)));
        },
      );
      const onAbort = () => finish(new Error('cancelled'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(
        () => finish(new Error(`no answer from ${target.host} within ${timeoutMs} ms`)),
        Math.max(0, deadline - Date.now()),
      );
      req.on('error', (e) => finish(new Error(`${target.host}: ${e.message}`)));
      req.end();
    });
  }

  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }
}

/** The URLs beside a trace URL `…/project/trace/<name>`: the archive root's markers and the other trace files. */
export function traceSiblings(
  traceUrl: string,
):
  | { name: string; inProgress: string; required: string; master: string; hierarchy: string; traces: string }
  | undefined {
  let u: URL;
  try {
    u = new URL(traceUrl);
  } catch {
    return undefined;
  }
  const m = /^(.*\/)project\/trace\/([^/]+)$/.exec(u.pathname);
  if (!m) return undefined;
  const name = decodeURIComponent(m[2]!);
  const at = (p: string) => new URL(p, u).href;
  return {
    name,
    inProgress: at(`${m[1]}Archive-Update-in-Progress-${encodeURIComponent(name)}`),
    required: at(`${m[1]}Archive-Update-Required-${encodeURIComponent(name)}`),
    master: at(`${m[1]}project/trace/master`),
    hierarchy: at(`${m[1]}project/trace/_hierarchy`),
    traces: at(`${m[1]}project/trace/_traces`),
  };
}
