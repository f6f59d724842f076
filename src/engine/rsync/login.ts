import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from '../../../server/src/node/files';
import { parseTrace, type TraceInfo } from '../inventory/trace';
import { rsyncUrl, type UpstreamTarget } from './target';

// "Test upstream login": the real rsync client against the upstream's daemon, as ftpsync connects,
// with the password in RSYNC_PASSWORD (never on a command line or in a log). It lists the module and,
// when that works, fetches project/trace/master into a private temporary directory to show the
// archive serial and its age. Bounded by rsync's own --contimeout/--timeout and a hard deadline,
// cancellable, and it never prompts: RSYNC_PASSWORD is always set, stdin is closed.

export type LoginOutcome =
  | 'ok'
  | 'auth-failed'
  | 'unknown-module'
  | 'host-denied'
  | 'refused'
  | 'unreachable'
  | 'busy'
  | 'timeout'
  | 'cancelled'
  | 'error';

export interface LoginResult {
  outcome: LoginOutcome;
  /** The daemon's own words (`@ERROR: auth failed on module debian`) or rsync's last message. */
  answer: string;
  exitCode: number | null;
  /** The rsync:// URL tried (it holds the user, never the password). */
  url: string;
  /** Entries of the module's top directory, on success. */
  listing?: string[];
  /** The upstream's project/trace/master, on success; `error` when it could not be read. */
  master?: TraceInfo & { error?: string };
}

export interface LoginOptions {
  target: UpstreamTarget;
  password?: string;
  rsync?: string;
  /** Seconds for the TCP connect (`--contimeout`). */
  connectTimeout?: number;
  /** Seconds of silence before rsync gives up (`--timeout`). */
  ioTimeout?: number;
  signal?: AbortSignal;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  cancelled: boolean;
  timedOut: boolean;
}

function runRsync(args: string[], options: LoginOptions): Promise<Run> {
  const connect = options.connectTimeout ?? 10;
  const io = options.ioTimeout ?? 30;
  // Only what rsync needs: the password stays in this child's environment.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    LANG: 'C',
    RSYNC_PASSWORD: options.password ?? '',
    ...(options.target.proxy ? { RSYNC_PROXY: options.target.proxy } : {}),
  };
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted)
      return resolve({ code: null, stdout: '', stderr: '', cancelled: true, timedOut: false });
    const child = spawn(options.rsync ?? 'rsync', [`--contimeout=${connect}`, `--timeout=${io}`, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cancelled = false;
    let timedOut = false;
    const limit = 256 * 1024;
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-limit)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-limit)));
    const deadline = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      (connect + io + 5) * 1000,
    );
    const abort = () => {
      cancelled = true;
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', abort);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', abort);
      resolve({ code, stdout, stderr, cancelled, timedOut });
    });
  });
}

/** What the daemon (or the network) said, from rsync's stderr and exit status. */
export function classify(stderr: string, code: number | null): { outcome: LoginOutcome; answer: string } {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const daemon = lines.find((l) => l.startsWith('@ERROR'));
  const last = daemon ?? lines.find((l) => !l.startsWith('rsync error:')) ?? lines[lines.length - 1] ?? '';
  const text = daemon ?? stderr;
  let outcome: LoginOutcome = 'error';
  if (code === 0) outcome = 'ok';
  else if (/@ERROR: auth failed/.test(text)) outcome = 'auth-failed';
  else if (/@ERROR: Unknown module/.test(text)) outcome = 'unknown-module';
  else if (/@ERROR: access denied/.test(text)) outcome = 'host-denied';
  else if (/@ERROR: max connections/.test(text)) outcome = 'busy';
  else if (/Connection refused/.test(stderr)) outcome = 'refused';
  else if (/timed out|timeout/i.test(stderr) || code === 30 || code === 35) outcome = 'timeout';
  else if (
    /Name or service not known|Temporary failure in name resolution|No route to host|Network is unreachable|failed to connect/.test(
      stderr,
    )
  )
    outcome = 'unreachable';
  return { outcome, answer: code === 0 ? 'login accepted' : last };
}

export async function testUpstreamLogin(options: LoginOptions): Promise<LoginResult> {
  const url = rsyncUrl(options.target);
  const listed = await runRsync(['--list-only', url], options);
  if (listed.cancelled) return { outcome: 'cancelled', answer: 'cancelled', exitCode: null, url };
  if (listed.timedOut) return { outcome: 'timeout', answer: 'no answer before the deadline', exitCode: null, url };
  const { outcome, answer } = classify(listed.stderr, listed.code);
  const result: LoginResult = { outcome, answer, exitCode: listed.code, url };
  if (outcome !== 'ok') return result;
  result.listing = listed.stdout
    .split('\n')
    .map((l) => /^\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== '.');
  result.master = await fetchMaster(options);
  return result;
}

async function fetchMaster(options: LoginOptions): Promise<TraceInfo & { error?: string }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pm-login-'));
  try {
    const file = path.join(dir, 'master');
    const run = await runRsync([rsyncUrl(options.target, 'project/trace/master'), file], options);
    if (run.cancelled) return { error: 'cancelled' };
    if (run.code !== 0)
      return { error: classify(run.stderr, run.code).answer || 'no project/trace/master in the module' };
    const text = (await readRegularFile(file, { maxBytes: 64 * 1024 })).toString('utf8');
    const trace = parseTrace(text);
    return trace.serial || trace.date
      ? trace
      : { ...trace, error: 'project/trace/master has no Date or Archive serial line' };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
