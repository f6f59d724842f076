import { spawn, type SpawnOptions } from 'node:child_process';
import * as net from 'node:net';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a program to completion with a hard time limit; never throws for a non-zero exit. */
export function run(
  cmd: string,
  args: readonly string[],
  options: SpawnOptions & { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { input, timeoutMs = 20000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...spawnOptions, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout!.on('data', (d) => (stdout += d.toString()));
    child.stderr!.on('data', (d) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    // A program that exits without reading its input must not turn into an EPIPE error here.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input ?? '');
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `host:port` accepts a connection and, if `banner` is given, sends a line starting with it. */
export async function waitForPort(
  host: string,
  port: number,
  options: { banner?: string; timeoutMs?: number; isAlive?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10000);
  let lastError = '';
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) throw new Error(`server on ${host}:${port} exited before it was ready`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      const done = (value: boolean) => {
        socket.destroy();
        resolve(value);
      };
      socket.setTimeout(1000, () => done(false));
      socket.once('error', (e) => {
        lastError = e.message;
        done(false);
      });
      if (!options.banner) socket.once('connect', () => done(true));
      else {
        let data = '';
        socket.on('data', (d) => {
          data += d.toString();
          if (data.startsWith(options.banner!)) done(true);
        });
      }
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${host}:${port} not ready in time (${lastError})`);
}

/** Stops a child by PID: SIGTERM, then SIGKILL after a grace period. Resolves when it has exited. */
export async function stopProcess(
  child: {
    pid?: number;
    exitCode: number | null;
    signalCode: NodeJS.Signals | null;
    once(event: 'exit', fn: () => void): unknown;
  },
  graceMs = 3000,
): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}
