import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { Downstream } from '../../../src/engine/ssh/downstream';
import { KeyCache } from '../../../src/engine/ssh/connect';
import { Signaller } from '../../../src/engine/ssh/fanout';
import { probeHostKey } from '../../../src/engine/ssh/probe';
import { openSession, SessionError } from '../../../src/engine/ssh/session';
import { resolveSettings } from '../../../src/engine/ssh/settings';
import { fromText } from '../../../src/engine/ssh/sshConfig';
import { run } from '../../support/process';
import { generateKey, TEST_USER } from '../../support/sshd';
import { startDownstreams, type Downstreams } from './downstreams';

// Issue 12, item 1: one Signaller kept for a whole window (as the extension keeps one per list) must
// judge every host key against known_hosts as the file is at that moment. The sequence of the report:
// trust and remember eu.two, replace its line from outside (ssh-keygen -R + another key), signal again
// → refused, exactly when OpenSSH with the same file says REMOTE HOST IDENTIFICATION HAS CHANGED; and
// back: fix the file → accepted again, without a new Signaller.

let ds: Downstreams;
let target: Downstreams['targets'][number];
let hostPub: string;
let otherPub: string;
before(async () => {
  ds = await startDownstreams(2);
  target = ds.targets[1]; // on 127.0.1.x, as the report's eu.two
  hostPub = ds.sshds[0].hostKey.line.split(' ').slice(0, 2).join(' ');
  otherPub = (await generateKey(ds.dir, 'other-host-key')).line.split(' ').slice(0, 2).join(' ');
});
after(async () => {
  await ds?.dispose();
});

const hostField = () => `[${target.address}]:${target.port}`;
const euTwo = (): Downstream => ({
  name: 'eu.two',
  host: target.address,
  port: target.port,
  user: TEST_USER,
  type: 'all',
});

/** One Signaller for the whole test, remembering what the (scripted) person accepts. */
function windowSignaller(file: string) {
  return new Signaller({
    knownHosts: new KnownHosts([file]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
    confirmUnknownHosts: async (keys) => keys.map(() => 'remember' as const),
  });
}

/** OpenSSH's verdict on the same file: 0 when it logs in, 255 and its warning when it refuses. */
async function opensshSays(file: string): Promise<{ code: number | null; stderr: string }> {
  const r = await ds.sshds[0].ssh(ds.key.privateKey, ['true'], { address: target.address, knownHosts: file });
  return { code: r.code, stderr: r.stderr };
}

async function keygenRemove(file: string): Promise<void> {
  const r = await run('ssh-keygen', ['-R', hostField(), '-f', file]);
  assert.equal(r.code, 0, r.stderr);
}

test('a line replaced from outside after Trust and Remember is refused as changed by the same Signaller, as ssh refuses it', async () => {
  const file = path.join(ds.dir, 'kh-replaced');
  fs.writeFileSync(file, '');
  const signaller = windowSignaller(file);
  const first = await signaller.push([euTwo()], { timeoutMs: 20_000 });
  assert.equal(first[0].status, 'ok', first[0].message);
  assert.equal(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 1);
  assert.equal((await opensshSays(file)).code, 0);

  await keygenRemove(file);
  fs.appendFileSync(file, `${hostField()} ${otherPub}\n`);
  const ssh = await opensshSays(file);
  assert.equal(ssh.code, 255);
  assert.match(ssh.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED/);

  const levels: string[] = [];
  const second = await signaller.push([euTwo()], {
    timeoutMs: 20_000,
    onEvent: (line, level) => /refused/.test(line) && levels.push(level),
  });
  assert.equal(second[0].status, 'refused', `signalled against a stale known_hosts: ${second[0].message}`);
  assert.deepEqual(levels, ['warning'], 'a refused changed key is logged as a warning');
  assert.match(second[0].message!, /has changed; refused/);
  assert.match(second[0].message!, new RegExp(`${path.basename(file)}:1\\b`));
});

test('a changed key fixed from outside is accepted again by the same Signaller, and the refusal quoted the line as it was', async () => {
  const file = path.join(ds.dir, 'kh-fixed');
  fs.writeFileSync(file, `# mirrors\n${hostField()} ${otherPub}\n`);
  const signaller = windowSignaller(file);
  const refused = await signaller.push([euTwo()], { timeoutMs: 20_000 });
  assert.equal(refused[0].status, 'refused');
  assert.match(refused[0].message!, new RegExp(`${path.basename(file)}:2\\b`));
  assert.equal((await opensshSays(file)).code, 255);

  await keygenRemove(file);
  fs.appendFileSync(file, `# again\n# and again\n${hostField()} ${hostPub}\n`);
  assert.equal((await opensshSays(file)).code, 0);
  const fixed = await signaller.push([euTwo()], { timeoutMs: 20_000 });
  assert.equal(fixed[0].status, 'ok', `still refused after the fix: ${fixed[0].message}`);

  // And broken once more: the refusal names the line that is there now (4), not the one read before.
  await keygenRemove(file);
  fs.appendFileSync(file, `${hostField()} ${otherPub}\n`);
  const again = await signaller.push([euTwo()], { timeoutMs: 20_000 });
  assert.equal(again[0].status, 'refused');
  assert.match(again[0].message!, new RegExp(`${path.basename(file)}:4\\b`));
  assert.match((await opensshSays(file)).stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
});

test('a known_hosts file that appears or disappears after the Signaller was made counts from that moment', async () => {
  const file = path.join(ds.dir, 'kh-appears');
  fs.rmSync(file, { force: true });
  const signaller = new Signaller({
    knownHosts: new KnownHosts([file]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
  });
  assert.equal((await signaller.push([euTwo()], { timeoutMs: 20_000 }))[0].status, 'refused');
  fs.writeFileSync(file, `${hostField()} ${hostPub}\n`);
  assert.equal((await signaller.push([euTwo()], { timeoutMs: 20_000 }))[0].status, 'ok');
  fs.rmSync(file);
  const gone = await signaller.push([euTwo()], { timeoutMs: 20_000 });
  assert.equal(gone[0].status, 'refused');
  assert.match(gone[0].message!, /unknown host key/);
});

test("the remote tail's session and Check Host Key use the same engine: the file as it is at each connect", async () => {
  const file = path.join(ds.dir, 'kh-session');
  fs.writeFileSync(file, `${hostField()} ${hostPub}\n`);
  const knownHosts = new KnownHosts([file]);
  const settings = resolveSettings(euTwo(), { sshConfig: fromText(''), defaultKeyFile: ds.key.privateKey });
  const open = () => openSession(settings, { knownHosts, keys: new KeyCache() });
  (await open()).end();
  assert.equal((await probeHostKey(settings, knownHosts)).verdict?.status, 'trusted');

  await keygenRemove(file);
  fs.appendFileSync(file, `${hostField()} ${otherPub}\n`);
  await assert.rejects(open(), (e: unknown) => e instanceof SessionError && /has changed; refused/.test(e.message));
  assert.equal((await probeHostKey(settings, knownHosts)).verdict?.status, 'changed');

  await keygenRemove(file);
  fs.appendFileSync(file, `${hostField()} ${hostPub}\n`);
  (await open()).end();
});
