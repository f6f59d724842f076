import { statSync } from 'node:fs';
import * as net from 'node:net';
import { Client, utils, type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { FileReadError, readRegularFileSync } from '../../../server/src/node/files';
import { describeVerdict, type HostKeyVerdict, type KnownHosts } from '../knownHosts/knownHosts';
import { Budget } from './concurrency';
import { unknownHostKey, type ConfirmUnknownHosts, type HostKeyDecision } from './hostKeyPrompt';
import type { ConnectionSettings } from './settings';

// One signal over ssh2: TCP (with TCP_NODELAY: Nagle stalls, not crypto, dominate a trigger's
// latency), key exchange with a host key check that never passes an unseen key silently, public-key
// auth only (never a password or keyboard-interactive prompt), one exec, then the exit status.
// ssh2 offers only classical key exchange (curve25519, ecdh, dh); there is no post-quantum hybrid
// such as OpenSSH's sntrup761x25519. A trigger carries no secret, so this is acceptable.
// Two clocks: the connect timeout covers TCP, the server's banner and the handshake up to a logged-in
// session; the overall timeout runs from connect to exit status. Neither runs while a person answers
// a host key question or while the attempt waits in our own queue for a handshake slot.

export type SignalStatus = 'ok' | 'failed' | 'refused' | 'timeout' | 'cancelled';

/** How much an engine event matters: the extension logs it at this level, the CLI prints warnings and errors to stderr. */
export type EventLevel = 'info' | 'warning' | 'error';

export interface SignalOutcome {
  status: SignalStatus;
  /** The server accepted the command (exec succeeded): the downstream got the signal. */
  accepted: boolean;
  exitCode?: number;
  exitSignal?: string;
  /** Last bytes of stdout and stderr together. */
  output: string;
  message?: string;
  verdict?: HostKeyVerdict;
  durationMs: number;
}

const MAX_KEY_BYTES = 1024 * 1024;

/**
 * Parsed private keys, read again only when the file changed (a window stays open for days). A key
 * that cannot be used is remembered as the reason, with its path: a FIFO, a device, a passphrase.
 */
export class KeyCache {
  private readonly keys = new Map<string, { signature: string; key: ParsedKey | string }>();

  get(file: string): ParsedKey | string {
    let signature = 'missing';
    try {
      const st = statSync(file, { bigint: true });
      signature = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch {
      // read below, for the reason
    }
    const cached = this.keys.get(file);
    if (cached?.signature === signature) return cached.key;
    const key = readKey(file);
    this.keys.set(file, { signature, key });
    return key;
  }
}

function readKey(file: string): ParsedKey | string {
  let data: Buffer;
  try {
    // Never a plain read: a FIFO would block the process for good, /dev/zero would fill its memory.
    data = readRegularFileSync(file, { maxBytes: MAX_KEY_BYTES });
  } catch (error) {
    return error instanceof FileReadError ? error.message : `${file} cannot be read`;
  }
  const parsed = utils.parseKey(data);
  // Never echo ssh2's message verbatim: keep it to the reason, not the key material.
  if (parsed instanceof Error)
    return /passphrase/i.test(parsed.message)
      ? `${file} is passphrase-protected (use the agent)`
      : `${file} is not a private key ssh2 can read`;
  return (Array.isArray(parsed) ? parsed[0] : parsed) ?? `${file} holds no key`;
}

export interface SignalDeps {
  knownHosts: KnownHosts;
  /** Asked about a key known_hosts does not have (one key per call here); absent: refuse. */
  confirmUnknownHosts?: ConfirmUnknownHosts;
  keys: KeyCache;
  signal?: AbortSignal;
  /** Whole attempt, connect to exit status. */
  timeoutMs: number;
  /**
   * A handshake slot (the fan-out's concurrency cap), asked for once the server has sent its first
   * bytes: a host that is down or never speaks costs no slot. Resolves with the release.
   */
  handshakeSlot?: (signal?: AbortSignal) => Promise<() => void>;
  /** The longest a handshake keeps its slot (default 5 s); then it goes on without one. */
  slotBudgetMs?: number;
  /** The host key is settled: trusted, or accepted by the person asked. */
  onHostKeySettled?: () => void;
  /** A person is being asked about this host's key. */
  onHostKeyQuestion?: () => void;
  /** Called once the command is accepted. */
  onAccepted?: () => void;
  /** Progress lines for the log, with their level; never key material. */
  debug?: (line: string, level?: EventLevel) => void;
}

const OUTPUT_TAIL = 4096;
const DEFAULT_HOST_KEY_ALGOS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Host key algorithms with the types known_hosts has for this host first, as OpenSSH orders them. */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const preferred = knownTypes
    .flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
    .filter((a) => DEFAULT_HOST_KEY_ALGOS.includes(a));
  return [...new Set([...preferred, ...DEFAULT_HOST_KEY_ALGOS])];
}

/**
 * Public-key methods only, in ssh's order: the key files, then the agent when allowed. Never a
 * password. `problems` says why a key file was left out.
 */
export function authMethods(
  s: ConnectionSettings,
  deps: Pick<SignalDeps, 'keys'>,
): { methods: AnyAuthMethod[]; problems: string[] } {
  const methods: AnyAuthMethod[] = [];
  const problems: string[] = [];
  for (const file of s.keyFiles) {
    const key = deps.keys.get(file);
    if (typeof key === 'string') problems.push(key);
    else methods.push({ type: 'publickey', username: s.user, key });
  }
  if (s.useAgent && process.env.SSH_AUTH_SOCK)
    methods.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
  return { methods, problems };
}

/** Why no login was possible: the key files' problems, or the files tried. */
export function noUsableKey(s: ConnectionSettings, problems: readonly string[]): string {
  return `no usable key: ${problems.length ? problems.join('; ') : s.keyFiles.join(', ') || 'none given'}`;
}

export function signalOnce(s: ConnectionSettings, command: string, deps: SignalDeps): Promise<SignalOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let accepted = false;
    let heard = false;
    let output = '';
    let verdict: HostKeyVerdict | undefined;
    let exitCode: number | undefined;
    let exitSignal: string | undefined;
    let releaseSlot: (() => void) | undefined;
    let slotTimer: NodeJS.Timeout | undefined;
    const outcome = (status: SignalStatus, message?: string): SignalOutcome => ({
      status,
      accepted,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(exitSignal !== undefined ? { exitSignal } : {}),
      output,
      ...(message ? { message } : {}),
      ...(verdict ? { verdict } : {}),
      durationMs: performance.now() - started,
    });
    if (deps.signal?.aborted) return resolve(outcome('cancelled', 'cancelled'));
    const { methods, problems } = authMethods(s, deps);
    for (const p of problems) deps.debug?.(`${p}; skipped`, 'warning');
    if (!methods.length) return resolve(outcome('failed', noUsableKey(s, problems)));

    const client = new Client();
    const socket = net.connect({ host: s.address, port: s.port, noDelay: true });
    const freeSlot = () => {
      clearTimeout(slotTimer);
      releaseSlot?.();
      releaseSlot = undefined;
    };
    const finish = (status: SignalStatus, message?: string) => {
      if (settled) return;
      settled = true;
      overall.stop();
      connecting.stop();
      freeSlot();
      deps.signal?.removeEventListener('abort', onAbort);
      client.end();
      socket.destroy();
      resolve(outcome(status, message));
    };
    const onAbort = () => finish('cancelled', 'cancelled');
    const overall = new Budget(deps.timeoutMs, () =>
      finish(
        'timeout',
        accepted
          ? `command accepted, no exit status within ${deps.timeoutMs} ms`
          : `no answer within ${deps.timeoutMs} ms`,
      ),
    );
    const connecting = new Budget(s.connectTimeoutMs, () =>
      finish(
        'timeout',
        `connect timed out after ${s.connectTimeoutMs} ms (${
          socket.connecting
            ? 'no TCP connection'
            : heard
              ? 'ssh handshake not finished'
              : 'connected, but no ssh banner'
        })`,
      ),
    );
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    const hold = () => (overall.pause(), connecting.pause());
    const go = () => (overall.resume(), connecting.resume());

    // The handshake slot is taken when the server first speaks. Until our turn its further bytes wait
    // in the socket, so the key exchange's work does not start; a silent or unreachable host never
    // takes a slot from a live one.
    const onFirstBytes = () => {
      heard = true;
      socket.removeListener('data', onFirstBytes);
      if (!deps.handshakeSlot) return;
      socket.pause();
      hold();
      deps.handshakeSlot(deps.signal).then(
        (release) => {
          if (settled) return release();
          releaseSlot = release;
          slotTimer = setTimeout(freeSlot, deps.slotBudgetMs ?? 5000);
          go();
          socket.resume();
        },
        () => finish('cancelled', 'cancelled'),
      );
    };
    socket.on('data', onFirstBytes);

    client.on('error', (err: Error & { level?: string }) => {
      if (verdict && verdict.status !== 'trusted') return finish('refused', describeVerdict(verdict));
      finish(
        'failed',
        err.level === 'client-authentication' ? `${s.user}@${s.address}: public key refused` : err.message,
      );
    });
    client.on('close', () => {
      if (exitCode !== undefined || exitSignal !== undefined)
        return finish(exitCode === 0 ? 'ok' : 'failed', exitCode === 0 ? undefined : `exit ${exitSignal ?? exitCode}`);
      finish('failed', accepted ? 'connection closed without an exit status' : 'connection closed');
    });
    client.on('ready', () => {
      connecting.stop();
      freeSlot();
      client.exec(command, (err, channel) => {
        if (err) return finish('failed', `command not accepted: ${err.message}`);
        accepted = true;
        deps.onAccepted?.();
        const take = (d: Buffer) => (output = (output + d.toString('utf8')).slice(-OUTPUT_TAIL));
        channel.on('data', take);
        channel.stderr.on('data', take);
        channel.on('exit', (code: number | null, sig?: string) => {
          if (typeof code === 'number') exitCode = code;
          if (sig) exitSignal = sig;
        });
        channel.on('close', () => client.end());
      });
    });

    client.connect({
      sock: socket,
      username: s.user,
      authHandler: methods,
      tryKeyboard: false,
      // Our connect budget bounds the handshake (paused while a person decides about a host key).
      readyTimeout: 0,
      keepaliveInterval: s.keepaliveMs,
      keepaliveCountMax: 3,
      algorithms: { serverHostKey: hostKeyAlgorithms(deps.knownHosts.knownKeyTypes(s.hostKeyName, s.port)) as never },
      // Always set: without it ssh2 accepts any host key.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        const asking = {
          pause: () => {
            hold();
            freeSlot(); // a person deciding must not hold up the other downstreams
            deps.onHostKeyQuestion?.();
          },
          resume: go,
        };
        void checkHostKey(s, key, deps, asking).then(
          (v) => {
            verdict = v;
            if (v.status === 'trusted') deps.onHostKeySettled?.();
            verify(v.status === 'trusted');
          },
          () => verify(false),
        );
      },
    } as never);
  });
}

/**
 * The verdict for the key a server presented. An unknown key is put to the person (or the CLI's
 * --accept-new) when `confirmUnknownHosts` is given; the clocks stop while they decide. known_hosts
 * is judged again after the answer: a line that appeared meanwhile for another key wins.
 */
export async function checkHostKey(
  s: ConnectionSettings,
  key: Buffer,
  deps: Pick<SignalDeps, 'knownHosts' | 'confirmUnknownHosts' | 'signal' | 'debug'>,
  asking?: { pause(): void; resume(): void },
): Promise<HostKeyVerdict> {
  const v = deps.knownHosts.verify(s.hostKeyName, s.port, key);
  if (v.status !== 'unknown' || !deps.confirmUnknownHosts) return v;
  asking?.pause();
  let decision: HostKeyDecision = 'refuse';
  try {
    decision = (await deps.confirmUnknownHosts([unknownHostKey(s.hostKeyName, s.port, key)]))[0] ?? 'refuse';
  } catch {
    // an unanswered question trusts nothing
  } finally {
    asking?.resume();
  }
  if (decision !== 'remember' && decision !== 'once') return v;
  const now = deps.knownHosts.verify(s.hostKeyName, s.port, key);
  if (now.status !== 'unknown') return now;
  if (decision === 'remember') {
    try {
      await deps.knownHosts.add(s.hostKeyName, s.port, key, {
        hashed: true,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      deps.debug?.(`host key ${v.keyType} ${v.fingerprint} remembered in ${deps.knownHosts.writeFile} (hashed)`);
    } catch (error) {
      deps.debug?.(`host key not remembered: ${(error as Error).message}; trusted for this connection only`, 'error');
    }
  }
  return { ...v, status: 'trusted' };
}
