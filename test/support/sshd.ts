import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, run, stopProcess, waitForPort, type RunResult } from './process';

// A private OpenSSH sshd on loopback for integration tests: its own host key, config and
// authorized_keys files, an unprivileged test user, never the machine's own sshd or keys.
// Needs root (CI runs as root) and Debian's openssh-server.

export const SSHD = '/usr/sbin/sshd';
export const TEST_USER = 'pmtest';

export interface SshdOptions {
  /** Loopback addresses to listen on (at most 16 per sshd: MAX_LISTEN_SOCKS). Default 127.0.0.1. */
  addresses?: string[];
  /** Extra sshd_config lines. */
  config?: string[];
  /** sshd LogLevel; DEBUG1 shows why an authorized_keys line was skipped. */
  logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG1' | 'DEBUG2' | 'DEBUG3';
}

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Creates (once) the unprivileged account whose authorized_keys the tests write. */
export async function ensureTestUser(name = TEST_USER): Promise<TestUser> {
  const id = await run('id', ['-u', name]);
  if (id.code !== 0) {
    const add = await run('useradd', ['--create-home', '--shell', '/bin/sh', name]);
    if (add.code !== 0 && !/already exists/.test(add.stderr)) throw new Error(`useradd ${name} failed: ${add.stderr}`);
  }
  // A locked account (`!` in shadow) is refused by sshd even for key logins without PAM: set a `*` password.
  await run('usermod', ['-p', '*', name]);
  const uid = Number((await run('id', ['-u', name])).stdout.trim());
  const gid = Number((await run('id', ['-g', name])).stdout.trim());
  const home = (await run('getent', ['passwd', name])).stdout.split(':')[5];
  return { name, uid, gid, home };
}

export interface KeyPair {
  privateKey: string;
  publicKey: string;
  /** The .pub line: `type base64 comment`. */
  line: string;
}

/** `ssh-keygen -t TYPE -N '' -f FILE`: tests generate their keys, none is committed. */
export async function generateKey(dir: string, name: string, type = 'ed25519', bits?: number): Promise<KeyPair> {
  const file = path.join(dir, name);
  const args = [
    '-q',
    '-t',
    type,
    '-N',
    '',
    '-C',
    `${name}@push-mirror-test`,
    '-f',
    file,
    ...(bits ? ['-b', String(bits)] : []),
  ];
  const r = await run('ssh-keygen', args);
  if (r.code !== 0) throw new Error(`ssh-keygen ${args.join(' ')}: ${r.stderr}`);
  return { privateKey: file, publicKey: `${file}.pub`, line: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

export class Sshd {
  readonly dir: string;
  readonly port: number;
  readonly addresses: string[];
  readonly hostKey: KeyPair;
  /** `authorized_keys` of the test user for this sshd (AuthorizedKeysFile points here). */
  readonly authorizedKeys: string;
  /** A known_hosts file that trusts this sshd's host key on every address. */
  readonly knownHosts: string;
  /**
   * sshd's log (`-E`): a file, not a pipe. A pipe is only drained while our event loop runs, and a
   * caller blocked in spawnSync (the bench, a busy wait) let it fill: every sshd process then hung
   * on its next log line, so logins stalled after ~90 connections.
   */
  readonly logFile: string;
  private stderr = '';
  private child?: ChildProcess;

  private constructor(dir: string, port: number, addresses: string[], hostKey: KeyPair) {
    this.dir = dir;
    this.port = port;
    this.addresses = addresses;
    this.hostKey = hostKey;
    this.authorizedKeys = path.join(dir, 'authorized_keys');
    this.knownHosts = path.join(dir, 'known_hosts');
    this.logFile = path.join(dir, `sshd-${port}.log`);
  }

  /** The last 1 MB of sshd's log (and anything it printed before logging started). */
  get log(): string {
    let text = '';
    try {
      text = fs.readFileSync(this.logFile, 'utf8');
    } catch {
      // not written yet
    }
    return (this.stderr + text).slice(-1024 * 1024);
  }

  /** Starts sshd and waits until it sends its banner on every address. Call `stop()` in `after()`. */
  static async start(options: SshdOptions = {}): Promise<Sshd> {
    if (process.getuid?.() !== 0) throw new Error('the sshd integration tests need root (as CI runs them)');
    if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: apt-get install openssh-server`);
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const user = await ensureTestUser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-sshd-'));
    fs.chmodSync(dir, 0o755);
    const hostKey = await generateKey(dir, 'host_ed25519');
    const addresses = options.addresses ?? ['127.0.0.1'];
    if (addresses.length > 16) throw new Error('one sshd listens on at most 16 addresses');
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const sshd = new Sshd(dir, port, addresses, hostKey);
      try {
        await sshd.launch(options, user);
        return sshd;
      } catch (error) {
        lastError = error;
        await sshd.stop();
      }
    }
    throw lastError;
  }

  private async launch(options: SshdOptions, user: TestUser): Promise<void> {
    fs.writeFileSync(this.authorizedKeys, '', { mode: 0o644 });
    fs.chownSync(this.authorizedKeys, user.uid, user.gid);
    const hostPub = this.hostKey.line.split(' ').slice(0, 2).join(' ');
    fs.writeFileSync(this.knownHosts, this.addresses.map((a) => `[${a}]:${this.port} ${hostPub}\n`).join(''));
    const config = [
      ...this.addresses.map((a) => `ListenAddress ${a}:${this.port}`),
      `HostKey ${this.hostKey.privateKey}`,
      `PidFile ${path.join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${this.authorizedKeys}`,
      // The temp directory is not the user's home; modes are checked by the tests where they matter.
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      'UseDNS no',
      `AllowUsers ${user.name}`,
      'MaxStartups 400:30:800',
      'MaxSessions 50',
      'LoginGraceTime 30',
      'AllowTcpForwarding yes',
      'X11Forwarding no',
      `LogLevel ${options.logLevel ?? 'DEBUG1'}`,
      ...(options.config ?? []),
    ];
    const configFile = path.join(this.dir, 'sshd_config');
    fs.writeFileSync(configFile, `${config.join('\n')}\n`);
    const test = await run(SSHD, ['-t', '-f', configFile]);
    if (test.code !== 0) throw new Error(`sshd -t: ${test.stderr}`);
    const child = spawn(SSHD, ['-D', '-E', this.logFile, '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (d) => {
      // Only what sshd says before its log file is open; bounded anyway.
      this.stderr = (this.stderr + d.toString()).slice(-64 * 1024);
    });
    for (const address of this.addresses) {
      await waitForPort(address, this.port, {
        banner: 'SSH-2.0',
        timeoutMs: 10000,
        isAlive: () => child.exitCode === null,
      });
    }
  }

  /** Replaces the test user's authorized_keys content. sshd re-reads it on every login. */
  writeAuthorizedKeys(content: string): void {
    fs.writeFileSync(this.authorizedKeys, content);
  }

  /** Runs the OpenSSH client against this sshd in batch mode with a strict known_hosts (this sshd's, or `knownHosts`). */
  ssh(
    key: string,
    remoteArgs: string[],
    options: { address?: string; extra?: string[]; timeoutMs?: number; knownHosts?: string } = {},
  ): Promise<RunResult> {
    return run(
      'ssh',
      [
        '-F',
        '/dev/null',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${options.knownHosts ?? this.knownHosts}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'IdentityAgent=none',
        '-o',
        'ConnectTimeout=10',
        '-i',
        key,
        '-p',
        String(this.port),
        '-l',
        TEST_USER,
        ...(options.extra ?? []),
        options.address ?? this.addresses[0],
        ...remoteArgs,
      ],
      { timeoutMs: options.timeoutMs ?? 20000 },
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child);
  }

  /** Stops sshd and removes its directory. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
