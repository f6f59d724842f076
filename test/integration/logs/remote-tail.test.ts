import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from 'ssh2';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import { RemoteTail } from '../../../src/engine/logs/remote';
import { KeyCache } from '../../../src/engine/ssh/connect';
import { openSession } from '../../../src/engine/ssh/session';
import type { ConnectionSettings } from '../../../src/engine/ssh/settings';
import type { TailEvent } from '../../../src/engine/logs/tail';
import { ensureTestUser, generateKey, Sshd, type KeyPair } from '../../support/sshd';

let sshd: Sshd;
let logKey: KeyPair;
let triggerKey: KeyPair;
let work: string;
let logFile: string;

before(async () => {
  sshd = await Sshd.start();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-remote-log-'));
  fs.chmodSync(work, 0o755);
  logKey = await generateKey(work, 'logreader');
  triggerKey = await generateKey(work, 'trigger');
  const user = await ensureTestUser();
  logFile = path.join(work, 'ftpsync.log');
  fs.writeFileSync(logFile, 'line 1\nline 2\nline 3\n');
  fs.chownSync(logFile, user.uid, user.gid);
  // The trigger key can only start the sync; the separate log key may run commands but nothing else.
  sshd.writeAuthorizedKeys(`restrict,command="echo sync started" ${triggerKey.line}\nrestrict ${logKey.line}\n`);
});
after(async () => {
  await sshd?.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

function settings(key: KeyPair): ConnectionSettings {
  return {
    address: '127.0.0.1',
    port: sshd.port,
    user: 'pmtest',
    hostKeyName: '127.0.0.1',
    keyFiles: [key.privateKey],
    useAgent: false,
    connectTimeoutMs: 10000,
    keepaliveMs: 15000,
    knownHostsFiles: [],
    ignored: [],
  };
}

/** The engine's verified session: the host key must be in known_hosts, as for a signal. */
function connect(key: KeyPair, knownHostsFile = sshd.knownHosts): Promise<Client> {
  return openSession(settings(key), { knownHosts: new KnownHosts([knownHostsFile]), keys: new KeyCache() });
}

test('a remote log is followed over ssh with the separate log key, through rotation', async () => {
  const events: TailEvent[] = [];
  let wake: (() => void) | undefined;
  const lines = () => events.flatMap((e) => (e.kind === 'lines' ? e.lines : []));
  const until = async (accept: () => boolean, what: string) => {
    const deadline = Date.now() + 10000;
    while (!accept()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}\n${sshd.log.slice(-1500)}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 500);
      });
    }
  };
  const tail = new RemoteTail(
    await connect(logKey),
    logFile,
    (e) => {
      events.push(e);
      wake?.();
    },
    { initialLines: 2 },
  );
  try {
    await tail.start();
    await until(() => lines().length >= 2, 'the last two lines');
    assert.deepEqual(lines(), ['line 2', 'line 3']);
    fs.appendFileSync(logFile, 'line 4\n');
    await until(() => lines().includes('line 4'), 'an appended line');
    fs.renameSync(logFile, `${logFile}.0`);
    fs.writeFileSync(logFile, 'after rotation\n');
    await until(() => lines().includes('after rotation'), 'the rotated log');
  } finally {
    tail.stop();
  }
});

test('the trigger key cannot be used to read logs: its forced command runs instead', async () => {
  const client = await connect(triggerKey);
  const output = await new Promise<string>((resolve, reject) => {
    client.exec(`tail -n 1 ${logFile}`, (error, channel) => {
      if (error) return reject(error);
      let out = '';
      channel.on('data', (d: Buffer) => (out += d.toString()));
      channel.on('close', () => resolve(out));
    });
  });
  client.end();
  assert.equal(output.trim(), 'sync started');
});

test('a changed host key is refused before anything runs, naming both fingerprints', async () => {
  const other = await generateKey(work, 'other_host');
  const forged = path.join(work, 'known_hosts_forged');
  fs.writeFileSync(forged, `[127.0.0.1]:${sshd.port} ${other.line.split(' ').slice(0, 2).join(' ')}\n`);
  await assert.rejects(
    connect(logKey, forged),
    (error: Error) => /changed/i.test(error.message) && (error.message.match(/SHA256:/g) ?? []).length >= 2,
  );
});

test('an unknown host is refused when nobody is asked', async () => {
  const empty = path.join(work, 'known_hosts_empty');
  fs.writeFileSync(empty, '');
  await assert.rejects(connect(logKey, empty), /unknown|not known|authenticity/i);
});
