import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, run, stopProcess, waitForPort, type RunResult } from './process';

// The real rsync daemon on 127.0.0.1 for differential tests: start it with a config under test,
// observe what it does (startup, listing, access, authenticated access), always stop it by PID.
// Needs Debian's rsync; runs as root like a production daemon (uid/gid, strict modes as root).

export interface RsyncdStart {
  daemon?: Rsyncd;
  /** Set when the daemon refused to start (e.g. a fatal error in the global part). */
  startupFailure?: { code: number | null; log: string; dir: string };
}

export class Rsyncd {
  readonly dir: string;
  readonly port: number;
  readonly configFile: string;
  readonly logFile: string;
  private child?: ChildProcess;

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
    this.configFile = path.join(dir, 'rsyncd.conf');
    this.logFile = path.join(dir, 'rsyncd.log');
  }

  /** A scratch directory for module paths and secrets files; `{{DIR}}` in the config is replaced by it. */
  static makeDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-rsyncd-'));
    fs.chmodSync(dir, 0o755);
    return dir;
  }

  /**
   * Writes `config` (with `{{DIR}}` replaced) and starts `rsync --daemon --no-detach` on a free loopback
   * port, in `cwd` (default `dir`). Returns the daemon, or how startup failed. A directory it made
   * itself (no `dir` given) is removed when the daemon does not start; a caller's own is the caller's.
   */
  static async start(config: string, dir?: string, cwd?: string): Promise<RsyncdStart> {
    const owned = dir === undefined;
    const scratch = dir ?? Rsyncd.makeDir();
    try {
      const started = await Rsyncd.launch(config, scratch, cwd ?? scratch);
      if (owned && !started.daemon) fs.rmSync(scratch, { recursive: true, force: true });
      return started;
    } catch (error) {
      if (owned) fs.rmSync(scratch, { recursive: true, force: true });
      throw error;
    }
  }

  private static async launch(config: string, dir: string, cwd: string): Promise<RsyncdStart> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const daemon = new Rsyncd(dir, port);
      fs.writeFileSync(daemon.configFile, config.replaceAll('{{DIR}}', dir));
      fs.writeFileSync(daemon.logFile, '');
      const child = spawn(
        'rsync',
        // --dparam=logfile: without it 3.5.0 loses every message logged after a module is selected
        // (observed on the daemon: the log is opened only for a logfile set before the module).
        [
          '--daemon',
          '--no-detach',
          `--config=${daemon.configFile}`,
          `--port=${port}`,
          '--address=127.0.0.1',
          `--log-file=${daemon.logFile}`,
          `--dparam=logfile=${daemon.logFile}`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], cwd },
      );
      daemon.child = child;
      let output = '';
      child.stdout!.on('data', (d) => (output += d.toString()));
      child.stderr!.on('data', (d) => (output += d.toString()));
      try {
        await waitForPort('127.0.0.1', port, { timeoutMs: 5000, isAlive: () => child.exitCode === null });
        return { daemon };
      } catch {
        const exited = child.exitCode !== null;
        await stopProcess(child);
        const log = `${output}${daemon.readLog()}`;
        if (exited && !/Address already in use|bind\(\) failed/i.test(log))
          return { startupFailure: { code: child.exitCode, log, dir } };
      }
    }
    throw new Error('rsync daemon: no free port after 5 attempts');
  }

  readLog(): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** `rsync rsync://127.0.0.1:PORT/`: the module listing. */
  list(): Promise<RunResult> {
    return this.client([`rsync://127.0.0.1:${this.port}/`]);
  }

  /** Lists a module's top directory, optionally as `user` with `password` (RSYNC_PASSWORD). */
  access(module: string, auth?: { user: string; password: string }): Promise<RunResult> {
    const userPart = auth ? `${auth.user}@` : '';
    return this.client(['--list-only', `rsync://${userPart}127.0.0.1:${this.port}/${module}/`], auth?.password);
  }

  /** Runs the rsync client with bounded connect and I/O timeouts, never prompting for a password. */
  client(args: string[], password?: string): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, RSYNC_PASSWORD: password ?? '' };
    return run('rsync', ['--contimeout=5', '--timeout=10', ...args], { env, timeoutMs: 20000 });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child);
  }

  /** Stops the daemon and removes its scratch directory. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
