import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKey, Sshd, TEST_USER, type KeyPair } from '../../support/sshd';

// N loopback "downstreams" for the signal tests and the bench: private sshds (16 addresses each)
// whose test user has one `restrict,command=` key running a recorder. The recorder appends
// `start|end <epoch.ns> <server address> <SSH_ORIGINAL_COMMAND>` to calls.log, and can be told per
// address to sleep (for stage1 / in-flight tests) or exit non-zero.

export interface Downstreams {
  dir: string;
  key: KeyPair;
  sshds: Sshd[];
  /** One per downstream, in order: 127.0.0.1, 127.0.1.2, … */
  targets: { address: string; port: number; name: string }[];
  /** known_hosts trusting every sshd on every address. */
  knownHosts: string;
  calls(): Call[];
  /** Seconds the recorder sleeps for `address` (and optionally only for commands containing `match`). */
  setDelay(address: string, seconds: number, match?: string): void;
  setExit(address: string, code: number): void;
  /** A runmirrors.mirror with one line per target (`-p PORT` options form). */
  mirrorList(type?: 'all' | 'staged' | 'mhop', count?: number): string;
  dispose(): Promise<void>;
}

export interface Call {
  phase: 'start' | 'end';
  time: number;
  address: string;
  command: string;
}

export const addressFor = (i: number): string =>
  i === 0 ? '127.0.0.1' : `127.0.${1 + Math.floor(i / 250)}.${2 + (i % 250)}`;

const RECORDER = `#!/bin/sh
# Forced command of the test key: records what the upstream asked for, on which address.
dir="$(dirname "$0")"
addr="\${SSH_CONNECTION#* * }"; addr="\${addr%% *}"
echo "start $(date +%s.%N) $addr $SSH_ORIGINAL_COMMAND" >> "$dir/calls.log"
d=0
[ -f "$dir/delay-$addr" ] && { read s m < "$dir/delay-$addr"; case "$SSH_ORIGINAL_COMMAND" in *"$m"*) d=$s;; esac; }
[ "$d" != 0 ] && sleep "$d"
echo "end $(date +%s.%N) $addr $SSH_ORIGINAL_COMMAND" >> "$dir/calls.log"
echo "ok from $addr"
code=0
[ -f "$dir/exit-$addr" ] && read code < "$dir/exit-$addr"
exit $code
`;

export async function startDownstreams(count: number, options: { keyType?: string } = {}): Promise<Downstreams> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-signal-'));
  fs.chmodSync(dir, 0o777);
  const recorder = path.join(dir, 'record.sh');
  fs.writeFileSync(recorder, RECORDER, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'calls.log'), '', { mode: 0o666 });
  fs.chmodSync(path.join(dir, 'calls.log'), 0o666);
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-signal-keys-'));
  const key = await generateKey(keysDir, 'pushmirror', options.keyType ?? 'ed25519');
  const addresses = Array.from({ length: count }, (_, i) => addressFor(i));
  const sshds: Sshd[] = [];
  try {
    for (let i = 0; i < addresses.length; i += 16)
      sshds.push(await Sshd.start({ addresses: addresses.slice(i, i + 16), logLevel: 'INFO' }));
  } catch (error) {
    await Promise.all(sshds.map((s) => s.dispose()));
    throw error;
  }
  for (const s of sshds) s.writeAuthorizedKeys(`restrict,command="${recorder}" ${key.line}\n`);
  const targets = sshds.flatMap((s) =>
    s.addresses.map((address) => ({ address, port: s.port, name: `m${address.replace(/\./g, '-')}` })),
  );
  const knownHosts = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHosts, sshds.map((s) => fs.readFileSync(s.knownHosts, 'utf8')).join(''));
  return {
    dir,
    key,
    sshds,
    targets,
    knownHosts,
    calls: () =>
      fs
        .readFileSync(path.join(dir, 'calls.log'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [phase, time, address, ...cmd] = l.split(' ');
          return { phase: phase as Call['phase'], time: Number(time), address, command: cmd.join(' ') };
        }),
    setDelay: (address, seconds, match = '') =>
      fs.writeFileSync(path.join(dir, `delay-${address}`), `${seconds} ${match}\n`, { mode: 0o644 }),
    setExit: (address, code) => fs.writeFileSync(path.join(dir, `exit-${address}`), `${code}\n`, { mode: 0o644 }),
    mirrorList: (type = 'all', n = targets.length) =>
      targets
        .slice(0, n)
        .map((t) => `${type} ${t.name} ${t.address} ${TEST_USER} -p ${t.port}\n`)
        .join(''),
    dispose: async () => {
      await Promise.all(sshds.map((s) => s.dispose()));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** A TCP server on loopback that accepts connections and never says a word (a hung sshd). */
export async function startSilentServer(host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A loopback listener that never accepts, with its accept queue already full: a connect to it stays
 * in SYN_SENT (the kernel drops the SYN), as to a host that is down. A blackholed address is not
 * possible on loopback; this is the same from the client's side. Python's socket module, because
 * Node accepts every connection on its own.
 */
export async function startFullBacklogListener(host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const child = spawn(
    'python3',
    [
      '-c',
      'import socket,sys\ns=socket.socket()\n' +
        `s.bind((${JSON.stringify(host)},0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d) => resolve(Number(String(d).trim())));
  });
  // listen(0) queues one finished connection; hold it so every later SYN is dropped.
  const filler = net.connect({ host, port });
  await new Promise<void>((resolve, reject) => filler.once('connect', resolve).once('error', reject));
  return {
    port,
    close: async () => {
      filler.destroy();
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await exited;
    },
  };
}
