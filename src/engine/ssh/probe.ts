import * as net from 'node:net';
import { Client } from 'ssh2';
import type { HostKeyVerdict, KnownHosts } from '../knownHosts/knownHosts';
import { hostKeyAlgorithms } from './connect';
import type { ConnectionSettings } from './settings';

// "Check host key": run the key exchange only, look at the key the downstream presents, and hang up
// before authenticating. Nothing is sent but the handshake, so this is safe on any host.

export interface ProbeResult {
  verdict?: HostKeyVerdict;
  key?: Buffer;
  error?: string;
}

export function probeHostKey(
  s: ConnectionSettings,
  knownHosts: KnownHosts,
  timeoutMs = s.connectTimeoutMs,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let done = false;
    const client = new Client();
    const socket = net.connect({ host: s.address, port: s.port, noDelay: true });
    const finish = (r: ProbeResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.end();
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ error: `no host key within ${timeoutMs} ms` }), timeoutMs);
    client.on('error', (e: Error) => finish({ error: e.message }));
    client.on('close', () => finish({ error: 'connection closed before the key exchange' }));
    client.connect({
      sock: socket,
      username: s.user,
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: hostKeyAlgorithms(knownHosts.knownKeyTypes(s.hostKeyName, s.port)) as never },
      hostVerifier: (key: Buffer) => {
        finish({ key, verdict: knownHosts.verify(s.hostKeyName, s.port, key) });
        return false;
      },
    } as never);
  });
}
