import * as net from 'node:net';
import { Client } from 'ssh2';
import { describeVerdict, type HostKeyVerdict } from '../knownHosts/knownHosts';
import { Budget } from './concurrency';
import { authMethods, checkHostKey, hostKeyAlgorithms, noUsableKey, type SignalDeps } from './connect';
import type { ConnectionSettings } from './settings';

// A long-lived ssh connection for work other than a signal (following a downstream's log): the same
// host key check as a signal (a changed key is always refused, an unknown one only after asking),
// public-key auth only, keep-alives. The caller runs its commands and calls `end()`. known_hosts is
// judged as it is when the session opens (KnownHosts reads the files again whenever they change).

export type SessionDeps = Pick<SignalDeps, 'knownHosts' | 'keys' | 'confirmUnknownHosts' | 'signal' | 'debug'>;

export class SessionError extends Error {
  constructor(
    message: string,
    readonly verdict?: HostKeyVerdict,
  ) {
    super(message);
  }
}

export function openSession(s: ConnectionSettings, deps: SessionDeps): Promise<Client> {
  const { methods, problems } = authMethods(s, deps);
  if (!methods.length) return Promise.reject(new SessionError(noUsableKey(s, problems)));

  return new Promise((resolve, reject) => {
    const client = new Client();
    const socket = net.connect({ host: s.address, port: s.port, noDelay: true });
    let verdict: HostKeyVerdict | undefined;
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clock.stop();
      deps.signal?.removeEventListener('abort', onAbort);
      client.end();
      socket.destroy();
      reject(new SessionError(message, verdict));
    };
    // TCP, banner and handshake up to the login; not counted while a person decides about a host key.
    const clock = new Budget(s.connectTimeoutMs, () =>
      fail(`no answer from ${s.address}:${s.port} within ${s.connectTimeoutMs} ms`),
    );
    const onAbort = () => fail('cancelled');
    if (deps.signal?.aborted) return onAbort();
    deps.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (e) => fail(`${s.address}:${s.port}: ${e.message}`));
    client.on('error', (err: Error & { level?: string }) => {
      if (verdict && verdict.status !== 'trusted') return fail(describeVerdict(verdict));
      fail(err.level === 'client-authentication' ? `${s.user}@${s.address}: public key refused` : err.message);
    });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clock.stop();
      deps.signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.connect({
      sock: socket,
      username: s.user,
      authHandler: methods,
      tryKeyboard: false,
      readyTimeout: 0,
      keepaliveInterval: s.keepaliveMs,
      keepaliveCountMax: 3,
      algorithms: { serverHostKey: hostKeyAlgorithms(deps.knownHosts.knownKeyTypes(s.hostKeyName, s.port)) as never },
      // Always set: without it ssh2 accepts any host key.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        const asking = { pause: () => clock.pause(), resume: () => clock.resume() };
        void checkHostKey(s, key, deps, asking).then(
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
