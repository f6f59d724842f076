import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from './process';

// Debian's real inetd (openbsd-inetd) for differential tests, without installing it: installing the
// package would start a system inetd. The .deb is fetched with `apt-get download` into .cache/ and
// unpacked there. Each run gets its own config on 127.0.0.1 ports, in a private mount namespace whose
// /dev/log is a datagram socket a small listener reads, so inetd's and rsync's syslog lines are seen.
// Always stopped by process group.

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'openbsd-inetd';
const CACHE = path.join(ROOT, '.cache', 'debs', PACKAGE);
export const INETD = path.join(CACHE, 'usr', 'sbin', 'inetd');

/** Why the real inetd cannot run here (`optional:` for the test runner), or undefined when it can. */
export function inetdUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'optional: needs root for a private mount namespace';
  if (spawnSync('unshare', ['-m', 'true']).status !== 0) return 'optional: unshare -m is not permitted here';
  if (spawnSync('python3', ['--version']).status !== 0) return 'optional: python3 (the syslog listener) is missing';
  if (fs.existsSync(INETD)) return undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-inetd-deb-'));
  try {
    const got = spawnSync('apt-get', ['download', PACKAGE], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });
    const deb = fs.readdirSync(scratch).find((f) => f.endsWith('.deb'));
    if (!deb) return `optional: apt-get download ${PACKAGE} failed: ${(got.stderr ?? '').trim().split('\n').pop()}`;
    fs.mkdirSync(CACHE, { recursive: true });
    const unpacked = spawnSync('dpkg-deb', ['-x', path.join(scratch, deb), CACHE], { encoding: 'utf8' });
    if (unpacked.status !== 0) return `optional: dpkg-deb -x failed: ${unpacked.stderr}`;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return fs.existsSync(INETD) ? undefined : `optional: ${PACKAGE} has no ${INETD}`;
}

// Reads datagrams from /dev/log (created by binding) and appends them, one per line, to the log file.
const SYSLOG_LISTENER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], 'a') as out:
    while True:
        out.write(s.recv(8192).decode(errors='replace').rstrip('\\n') + '\\n')
        out.flush()
`;

// Runs as root inside \`unshare -m\`: a private /dev made of bind mounts of the few devices programs use,
// a syslog socket in it, then inetd in the foreground (-i) with debugging (-d: "ADD"/"REDO" on stderr).
const NAMESPACE_SCRIPT = `
set -eu
dev=$1; log=$2; conf=$3; inetd=$4
for f in null zero urandom random tty; do : > "$dev/$f"; mount --bind "/dev/$f" "$dev/$f"; done
mount --bind "$dev" /dev
python3 -c "$LISTENER" /dev/log "$log" &
for _ in $(seq 100); do [ -S /dev/log ] && break; sleep 0.05; done
exec "$inetd" -d -i "$conf"
`;

export class Inetd {
  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly syslogFile: string,
    private stderrText: { value: string },
  ) {}

  /** Starts inetd on `config` (written to a scratch dir); waits until it printed `adds` ADD lines or `waitMs` passed. */
  static async start(config: string, options: { adds?: number; waitMs?: number } = {}): Promise<Inetd> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-inetd-'));
    fs.chmodSync(dir, 0o755);
    const dev = path.join(dir, 'dev');
    fs.mkdirSync(dev);
    const conf = path.join(dir, 'inetd.conf');
    const syslogFile = path.join(dir, 'syslog');
    fs.writeFileSync(conf, config.replaceAll('{{DIR}}', dir));
    fs.writeFileSync(syslogFile, '');
    const child = spawn('unshare', ['-m', 'bash', '-c', NAMESPACE_SCRIPT, 'ns', dev, syslogFile, conf, INETD], {
      cwd: '/',
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LISTENER: SYSLOG_LISTENER },
    });
    const stderr = { value: '' };
    child.stderr!.on('data', (d) => (stderr.value += d.toString()));
    const inetd = new Inetd(dir, child, syslogFile, stderr);
    const deadline = Date.now() + (options.waitMs ?? 5000);
    const adds = options.adds ?? 0;
    while (Date.now() < deadline && (stderr.value.match(/^ADD: /gm) ?? []).length < adds && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50)); // polling inetd's debug output, bounded by the deadline
    return inetd;
  }

  /** inetd's debug output (`ADD: …`, `REDO: …`, `someone wants …`). */
  get debug(): string {
    return this.stderrText.value;
  }

  /** Lines inetd and the programs it ran sent to syslog. */
  syslog(): string {
    return fs.readFileSync(this.syslogFile, 'utf8');
  }

  /**
   * Waits (bounded) until inetd's syslog or debug output matches: rsync logs from its own process, so a
   * line may land a moment after the client saw the connection end. Returns the text it looked at.
   */
  async waitForLog(source: 'syslog' | 'debug', pattern: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = source === 'syslog' ? this.syslog() : this.debug;
      if (pattern.test(text) || Date.now() > deadline) return text;
      await new Promise((r) => setTimeout(r, 50)); // polling a log file, bounded by the deadline
    }
  }

  /** Lists the modules of the rsync daemon at `address` (`127.0.0.1:PORT` or `[::1]:PORT`). */
  async listModules(address: string): Promise<{ ok: boolean; output: string }> {
    const r = await run('rsync', ['--contimeout=3', '--timeout=3', `rsync://${address}/`], { timeoutMs: 10_000 });
    return { ok: r.code === 0, output: (r.stdout + r.stderr).trim() };
  }

  /** CPU seconds inetd used so far (a config that makes it loop spins at 100%). */
  cpuSeconds(): number {
    const pids = spawnSync('pgrep', ['-g', String(this.child.pid)], { encoding: 'utf8' }).stdout.split('\n');
    const ticks = 100; // USER_HZ on Linux
    let total = 0;
    for (const pid of pids.filter(Boolean)) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(inetd)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += (Number(fields[11]) + Number(fields[12])) / ticks;
      } catch {
        // gone
      }
    }
    return total;
  }

  /** Ends the whole process group (unshare, inetd, the listener, any rsync) and removes the scratch dir. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid && this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (pid) killGroup(pid, 'SIGKILL'); // the listener and children outlive the leader
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
