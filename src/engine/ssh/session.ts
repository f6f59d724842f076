import * as net from 'node:net';
import { Client } from 'ssh2';
import { describeVerdict, type HostKeyVerdict } from '../knownHosts/knownHosts';
import { authMethods, checkHostKey, hostKeyAlgorithms, type SignalDeps } from './connect';
import type { ConnectionSettings } from './settings';

// A long-lived ssh connection for work other than a signal (following a downstream's log): the same
// host key check as a signal (a changed key is always refused, an unknown one only after asking),
// public-key auth only, keep-alives. The caller runs its commands and calls `end()`.

export type SessionDeps = Pick<SignalDeps, 'knownHosts' | 'keys' | 'confirmUnknownHost' | 'rememberAccepted' | 'debug'>;

export class SessionError extends Error {
  constructor(
    message: string,
    readonly verdict?: HostKeyVerdict,
  ) {
    super(message);
  }
}

export function openSession(s: ConnectionSettings, deps: SessionDeps): Promise<Client> {
  const auth = authMethods(s, deps);
  if (!auth.length) return Promise.reject(new SessionError(`no usable key (${s.keyFiles.join(', ')})`));

  return new Promise((resolve, reject) => {
    const client = new Client();
    const socket = net.connect({ host: s.address, port: s.port, noDelay: true });
    let verdict: HostKeyVerdict | undefined;
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.end();
      socket.destroy();
      reject(new SessionError(message, verdict));
    };
    // Not counted while a person decides about an unknown host key.
    let timer = setTimeout(
      () => fail(`no answer from ${s.address}:${s.port} within ${s.connectTimeoutMs} ms`),
      s.connectTimeoutMs,
    );
    const pauseClock = () => {
      clearTimeout(timer);
      return () => {
        if (!settled)
          timer = setTimeout(
            () => fail(`no answer from ${s.address}:${s.port} within ${s.connectTimeoutMs} ms`),
            s.connectTimeoutMs,
          );
      };
    };
    socket.once('error', (e) => fail(`${s.address}:${s.port}: ${e.message}`));
    client.on('error', (err: Error & { level?: string }) => {
      if (verdict && verdict.status !== 'trusted') return fail(describeVerdict(verdict));
      fail(err.level === 'client-authentication' ? `${s.user}@${s.address}: public key refused` : err.message);
    });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(client);
    });
    client.connect({
      sock: socket,
      username: s.user,
      authHandler: auth,
      tryKeyboard: false,
      readyTimeout: 0,
      keepaliveInterval: s.keepaliveMs,
      keepaliveCountMax: 3,
      algorithms: { serverHostKey: hostKeyAlgorithms(deps.knownHosts.knownKeyTypes(s.hostKeyName, s.port)) as never },
      // Always set: without it ssh2 accepts any host key.
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        void checkHostKey(s, key, { ...deps, timeoutMs: s.connectTimeoutMs }, pauseClock).then(
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
