import type { Client } from 'ssh2';
import type { KnownHosts } from '../knownHosts/knownHosts';
import { shellQuote } from '../logs/remote';
import { KeyCache } from '../ssh/connect';
import type { ConfirmUnknownHosts } from '../ssh/hostKeyPrompt';
import { openSession, SessionError } from '../ssh/session';
import { resolveSettings } from '../ssh/settings';
import type { SshConfigFile } from '../ssh/sshConfig';
import type { LogRun, Observation, TraceSource } from './sources';

// A downstream's progress from its own ftpsync log, over one verified ssh session (the same host key
// checks as a signal) with the separate log identity from pushmirror.yaml: the trigger key cannot be
// used, its forced command only starts the sync. ftpsync logs `Mirrorsync start` once it holds its
// lock and `Mirrorsync done` (or `… with errors`) when it ends, then rotates the log to `.0`; each
// reading takes the tail of `.0` and of the current log, so the last two runs are always seen.

export interface LogLocationInput {
  path: string;
  host: string;
  user?: string;
  port?: number;
  identityFile: string;
}

export interface SshLogDeps {
  knownHosts: KnownHosts;
  sshConfig: SshConfigFile;
  connectTimeoutMs?: number;
  /** Asked about keys known_hosts lacks (the extension's question); absent: refused (batch use never asks). */
  confirmUnknownHosts?: ConfirmUnknownHosts;
  keys?: KeyCache;
  /** Longest one reading may take. */
  timeoutMs?: number;
}

const TAIL_BYTES = 128 * 1024;

/** The read-only command run on the log host. */
export function logReadCommand(path: string, bytes = TAIL_BYTES): string {
  const files = [`${path}.0`, path].map(shellQuote).join(' ');
  return `for f in ${files}; do [ -f "$f" ] && tail -c ${bytes} -- "$f"; done; exit 0`;
}

// `Dec 06 20:46:56 host ftpsync[11254]: msg`, or `… host [11254] msg` when PROGRAM is empty.
const LOG_LINE = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ (?:\S*\[(\d+)\]:|\[(\d+)\]) (.*)$/;

/** ftpsync runs in a log text, oldest first. */
export function parseRuns(text: string): LogRun[] {
  const runs: LogRun[] = [];
  const open = new Map<number, LogRun>();
  for (const line of text.split('\n')) {
    const m = LOG_LINE.exec(line);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    const msg = m[3]!;
    if (msg === 'Mirrorsync start') {
      const run: LogRun = { key: line, pid, errors: [] };
      runs.push(run);
      open.set(pid, run);
      continue;
    }
    const run = open.get(pid);
    if (!run) continue;
    if (msg === 'Mirrorsync done' || msg === 'Mirrorsync done with errors') {
      run.done = msg === 'Mirrorsync done' ? 'ok' : 'errors';
      open.delete(pid);
    } else if (/\bERROR\b/.test(msg) && run.errors.length < 5) run.errors.push(msg);
  }
  return runs;
}

export class SshLogSource implements TraceSource {
  readonly kind = 'ssh-log' as const;
  readonly label: string;
  private client?: Client;
  private connecting?: Promise<Client>;
  /** A refusal that retrying cannot change (a changed or unknown host key). */
  private permanent?: string;

  constructor(
    private readonly name: string,
    private readonly log: LogLocationInput,
    private readonly deps: SshLogDeps,
  ) {
    this.label = `${log.user ? `${log.user}@` : ''}${log.host}${log.port ? `:${log.port}` : ''}:${log.path}`;
  }

  private session(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const settings = resolveSettings(
        {
          name: this.name,
          host: this.log.host,
          type: 'all',
          keyFiles: [this.log.identityFile],
          ...(this.log.port ? { port: this.log.port } : {}),
          ...(this.log.user ? { user: this.log.user } : {}),
        },
        {
          sshConfig: this.deps.sshConfig,
          defaultKeyFile: this.log.identityFile,
          agent: false,
          ...(this.deps.connectTimeoutMs ? { connectTimeoutMs: this.deps.connectTimeoutMs } : {}),
        },
      );
      const client = await openSession(settings, {
        knownHosts: this.deps.knownHosts,
        keys: this.deps.keys ?? new KeyCache(),
        ...(this.deps.confirmUnknownHosts ? { confirmUnknownHosts: this.deps.confirmUnknownHosts } : {}),
      });
      client.on('close', () => {
        if (this.client === client) this.client = undefined;
      });
      client.on('error', () => undefined);
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private exec(client: Client, command: string, signal?: AbortSignal): Promise<string> {
    const timeoutMs = this.deps.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      client.exec(command, (err, channel) => {
        if (err) return reject(err);
        let out = '';
        const timer = setTimeout(() => {
          channel.close();
          reject(new Error(`reading ${this.label} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        const onAbort = () => channel.close();
        signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (d: Buffer) => {
          if (out.length < 4 * TAIL_BYTES) out += d.toString('utf8');
        });
        channel.stderr.on('data', () => undefined);
        channel.on('close', () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(out);
        });
      });
    });
  }

  async observe(options: { lock: boolean; signal?: AbortSignal }): Promise<Observation> {
    if (this.permanent) return { at: Date.now(), traceError: this.permanent };
    try {
      const client = await this.session();
      const text = await this.exec(client, logReadCommand(this.log.path), options.signal);
      return { at: Date.now(), runs: parseRuns(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SessionError && error.verdict && error.verdict.status !== 'trusted')
        this.permanent = message;
      return { at: Date.now(), traceError: `${this.label}: ${message}` };
    }
  }

  close(): void {
    this.client?.end();
    this.client = undefined;
  }
}
