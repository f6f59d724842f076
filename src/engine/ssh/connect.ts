import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { Client, utils, type AnyAuthMethod, type ParsedKey } from 'ssh2';
import { describeVerdict, type HostKeyVerdict, type KnownHosts } from '../knownHosts/knownHosts';
import type { ConnectionSettings } from './settings';

// One signal over ssh2: TCP (with TCP_NODELAY: Nagle stalls, not crypto, dominate a trigger's
// latency), key exchange with a host key check that never passes an unseen key silently, public-key
// auth only (never a password or keyboard-interactive prompt), one exec, then the exit status.
// ssh2 offers only classical key exchange (curve25519, ecdh, dh); there is no post-quantum hybrid
// such as OpenSSH's sntrup761x25519. A trigger carries no secret, so this is acceptable.

export type SignalStatus = 'ok' | 'failed' | 'refused' | 'timeout' | 'cancelled';

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

/** true: trust (and remember, when the engine is told to); 'once': trust for this run only; false: refuse. */
export type ConfirmUnknownHost = (
  host: string,
  port: number,
  fingerprint: string,
  keyType: string,
) => Promise<boolean | 'once'>;

/** Parsed private keys, read once per run; an unreadable or passphrase-protected key is remembered as its reason. */
export class KeyCache {
  private readonly keys = new Map<string, ParsedKey | string>();

  get(file: string): ParsedKey | string {
    let k: ParsedKey | string | undefined = this.keys.get(file);
    if (k === undefined) {
      try {
        const parsed = utils.parseKey(readFileSync(file));
        // Never echo ssh2's message verbatim: keep it to the reason, not the key material.
        if (parsed instanceof Error)
          k = /passphrase/i.test(parsed.message)
            ? 'is passphrase-protected (use the agent)'
            : 'is not a private key ssh2 can read';
        else k = (Array.isArray(parsed) ? parsed[0] : parsed) ?? 'holds no key';
      } catch (error) {
        k = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      }
      this.keys.set(file, k as ParsedKey | string);
    }
    return k as ParsedKey | string;
  }
}

export interface SignalDeps {
  knownHosts: KnownHosts;
  /** Asked about a key known_hosts does not have; absent: refuse. */
  confirmUnknownHost?: ConfirmUnknownHost;
  /** Write a key the user accepted to known_hosts (hashed). */
  rememberAccepted?: boolean;
  keys: KeyCache;
  signal?: AbortSignal;
  /** Whole attempt, connect to exit status. */
  timeoutMs: number;
  /** Called once the command is accepted (the fan-out frees its handshake slot here). */
  onAccepted?: () => void;
  /** Called with ssh2-free progress lines for the log; never key material. */
  debug?: (line: string) => void;
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

/** Public-key methods only, in ssh's order: the key files, then the agent when allowed. Never a password. */
export function authMethods(s: ConnectionSettings, deps: Pick<SignalDeps, 'keys' | 'debug'>): AnyAuthMethod[] {
  const auth: AnyAuthMethod[] = [];
  for (const file of s.keyFiles) {
    const key = deps.keys.get(file);
    if (typeof key === 'string') deps.debug?.(`key ${file} ${key}; skipped`);
    else auth.push({ type: 'publickey', username: s.user, key });
  }
  if (s.useAgent && process.env.SSH_AUTH_SOCK)
    auth.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
  return auth;
}

export function signalOnce(s: ConnectionSettings, command: string, deps: SignalDeps): Promise<SignalOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let accepted = false;
    let output = '';
    let verdict: HostKeyVerdict | undefined;
    let exitCode: number | undefined;
    let exitSignal: string | undefined;
    const client = new Client();
    const socket = net.connect({ host: s.address, port: s.port, noDelay: true });

    const finish = (status: SignalStatus, message?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      deps.signal?.removeEventListener('abort', onAbort);
      client.end();
      socket.destroy();
      resolve({
        status,
        accepted,
        ...(exitCode !== undefined ? { exitCode } : {}),
        ...(exitSignal !== undefined ? { exitSignal } : {}),
        output,
        ...(message ? { message } : {}),
        ...(verdict ? { verdict } : {}),
        durationMs: performance.now() - started,
      });
    };
    const onAbort = () => finish('cancelled', 'cancelled');
    if (deps.signal?.aborted) return onAbort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    const onTimeout = () =>
      finish(
        'timeout',
        accepted
          ? `command accepted, no exit status within ${deps.timeoutMs} ms`
          : `no answer within ${deps.timeoutMs} ms`,
      );
    let overall = setTimeout(onTimeout, deps.timeoutMs);
    // A person deciding about an unknown host key is not the downstream being slow: stop the clock.
    const pauseClock = () => {
      clearTimeout(overall);
      const used = performance.now() - started;
      return () => {
        if (!settled) overall = setTimeout(onTimeout, Math.max(1000, deps.timeoutMs - used));
      };
    };
    const connectTimer = setTimeout(() => {
      if (!socket.connecting) return;
      finish('timeout', `connect timed out after ${s.connectTimeoutMs} ms`);
    }, s.connectTimeoutMs);
    socket.once('connect', () => clearTimeout(connectTimer));
    socket.once('close', () => clearTimeout(connectTimer));

    const auth = authMethods(s, deps);
    if (!auth.length) return finish('failed', `no usable key (${s.keyFiles.join(', ')})`);

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
      authHandler: auth,
      tryKeyboard: false,
      // With a prompt possible, our own clock (paused while asking) bounds the handshake instead.
      readyTimeout: deps.confirmUnknownHost ? 0 : s.connectTimeoutMs,
      keepaliveInterval: s.keepaliveMs,
      keepaliveCountMax: 3,
      algorithms: { serverHostKey: hostKeyAlgorithms(deps.knownHosts.knownKeyTypes(s.hostKeyName, s.port)) as never },
      // Always set: without it ssh2 accepts any host key.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        void checkHostKey(s, key, deps, pauseClock).then(
          (v) => {
            verdict = v;
            verify(v.status === 'trusted');
          },
          () => verify(false),
        );
      },
    } as never);
  });
}

export async function checkHostKey(
  s: ConnectionSettings,
  key: Buffer,
  deps: SignalDeps,
  pauseClock: () => () => void,
): Promise<HostKeyVerdict> {
  const v = deps.knownHosts.verify(s.hostKeyName, s.port, key);
  if (v.status !== 'unknown' || !deps.confirmUnknownHost) return v;
  const resume = pauseClock();
  const yes = await deps.confirmUnknownHost(s.hostKeyName, s.port, v.fingerprint, v.keyType).finally(resume);
  if (!yes) return v;
  // Another downstream on the same host may have written it while we waited for the answer.
  if (
    yes === true &&
    deps.rememberAccepted &&
    deps.knownHosts.verify(s.hostKeyName, s.port, key).status !== 'trusted'
  ) {
    await deps.knownHosts.add(s.hostKeyName, s.port, key, { hashed: true });
  }
  return { ...v, status: 'trusted' };
}
