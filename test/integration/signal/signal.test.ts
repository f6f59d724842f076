import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { Downstream } from '../../../src/engine/ssh/downstream';
import { Signaller, type SignalResult } from '../../../src/engine/ssh/fanout';
import { fromText } from '../../../src/engine/ssh/sshConfig';
import { run } from '../../support/process';
import { generateKey, TEST_USER } from '../../support/sshd';
import { startDownstreams, startSilentServer, type Downstreams } from './downstreams';

// The signal engine and `push-mirror signal` against real OpenSSH sshds on loopback addresses,
// whose test user has only a `restrict,command=` key that records SSH_ORIGINAL_COMMAND.

let ds: Downstreams;
const cleanups: (() => Promise<void> | void)[] = [];
before(async () => {
  ds = await startDownstreams(20);
  cleanups.push(() => ds.dispose());
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, print: (l) => stdout.push(l), info: (l) => stderr.push(l), error: (l) => stderr.push(l) };
}

function clearCalls() {
  fs.writeFileSync(path.join(ds.dir, 'calls.log'), '');
  for (const f of fs.readdirSync(ds.dir)) if (/^(delay|exit)-/.test(f)) fs.rmSync(path.join(ds.dir, f));
}

async function cli(list: string, extra: string[], knownHosts = ds.knownHosts) {
  const file = path.join(ds.dir, `list-${Math.random().toString(36).slice(2)}.mirror`);
  fs.writeFileSync(file, list);
  const out = capture();
  const code = await main(
    [
      'signal',
      '--mirror-list',
      file,
      '--key',
      ds.key.privateKey,
      '--known-hosts',
      knownHosts,
      '--only-known-hosts',
      '--ssh-config',
      'none',
      '--log-dir',
      path.join(ds.dir, 'log'),
      '--format',
      'json',
      ...extra,
    ],
    out,
  );
  const json = out.stdout.length
    ? (JSON.parse(out.stdout.join('\n')) as {
        ok: boolean;
        downstreams: { name: string; status: string }[];
        results: SignalResult[];
      })
    : undefined;
  return { code, json, out };
}

function signaller(extra: Partial<ConstructorParameters<typeof Signaller>[0]> = {}) {
  return new Signaller({
    knownHosts: new KnownHosts([ds.knownHosts]),
    sshConfig: fromText(''),
    defaultKeyFile: ds.key.privateKey,
    ...extra,
  });
}

const downstream = (i: number, type: Downstream['type'] = 'all'): Downstream => ({
  name: ds.targets[i].name,
  host: ds.targets[i].address,
  port: ds.targets[i].port,
  user: TEST_USER,
  type,
});

test('20 downstreams on two sshds: every forced command runs once and sees the exact runmirrors command', async () => {
  clearCalls();
  const { code, json } = await cli(ds.mirrorList('all'), ['--archive', 'debian']);
  assert.equal(code, 0, JSON.stringify(json?.results.filter((r) => r.status !== 'ok')));
  const starts = ds.calls().filter((c) => c.phase === 'start');
  assert.equal(starts.length, 20);
  assert.deepEqual(new Set(starts.map((c) => c.address)), new Set(ds.targets.map((t) => t.address)));
  for (const c of starts) assert.equal(c.command, 'sync:archive:debian sync:all');
  // runmirrors' per-downstream log: date -u, "Sending normal trigger", the output.
  const log = fs.readFileSync(path.join(ds.dir, 'log', `${ds.targets[3].name}.log`), 'utf8');
  assert.match(
    log,
    /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n.*push-mirror\[\d+\]: Sending normal trigger\nok from 127\.0\.1\.\d+\n.*Result: ok, exit 0/,
  );
});

test('mhop and URL archive: sync:mhop for mhop downstreams, the archive from ssh+ftpsync://host/archive', async () => {
  clearCalls();
  const [a, b] = ds.targets;
  const list = `mhop ${a.name} ${a.address} ${TEST_USER} -p ${a.port}\nall ${b.name} ssh+ftpsync://${TEST_USER}@${b.address}/security\n`;
  const config = path.join(ds.dir, 'ssh_config');
  // The URL form has no room for a port: ~/.ssh/config supplies it, as it would for ssh.
  fs.writeFileSync(config, `Host ${b.address}\n  Port ${b.port}\n`);
  const { code, json } = await cli(list, ['--archive', 'debian', '--ssh-config', config, '--push-delay', '5']);
  assert.equal(code, 0, JSON.stringify(json?.results));
  const cmds = ds
    .calls()
    .filter((c) => c.phase === 'start')
    .map((c) => `${c.address} ${c.command}`)
    .sort();
  assert.deepEqual(
    cmds,
    [
      `${a.address} sync:archive:debian sync:mhop sync:stage1`,
      `${a.address} sync:archive:debian sync:mhop sync:stage2`,
      `${b.address} sync:archive:security sync:all`,
    ].sort(),
  );
});

test('a changed host key is refused with both fingerprints and nothing runs', async () => {
  clearCalls();
  const other = await generateKey(ds.dir, `other-${Date.now()}`);
  const t = ds.targets[1];
  const kh = path.join(ds.dir, 'changed_known_hosts');
  fs.writeFileSync(kh, `[${t.address}]:${t.port} ${other.line.split(' ').slice(0, 2).join(' ')}\n`);
  const { code, json } = await cli(`all ${t.name} ${t.address} ${TEST_USER} -p ${t.port}\n`, ['--accept-new'], kh);
  assert.equal(code, 1);
  const r = json!.results[0];
  assert.equal(r.status, 'refused');
  assert.match(r.message!, /has changed; refused/);
  const fps = [...r.message!.matchAll(/SHA256:[A-Za-z0-9+/]+/g)].map((m) => m[0]);
  const real = (await run('ssh-keygen', ['-lf', ds.sshds[0].hostKey.publicKey])).stdout.split(' ')[1];
  const old = (await run('ssh-keygen', ['-lf', other.publicKey])).stdout.split(' ')[1];
  assert.deepEqual(new Set(fps), new Set([real, old]));
  assert.equal(ds.calls().length, 0);
  // --accept-new never overrides a changed key, and leaves the file alone.
  assert.equal(fs.readFileSync(kh, 'utf8').split('\n').filter(Boolean).length, 1);
});

test('an unknown host is refused in batch use; --accept-new trusts it and writes a hashed line ssh-keygen -F finds', async () => {
  clearCalls();
  const t = ds.targets[2];
  const kh = path.join(ds.dir, 'empty_known_hosts');
  fs.writeFileSync(kh, '');
  const list = `all ${t.name} ${t.address} ${TEST_USER} -p ${t.port}\n`;
  const refused = await cli(list, [], kh);
  assert.equal(refused.code, 1);
  assert.equal(refused.json!.results[0].status, 'refused');
  assert.match(refused.json!.results[0].message!, /unknown host key ssh-ed25519 SHA256:/);
  assert.equal(ds.calls().length, 0);
  const accepted = await cli(list, ['--accept-new'], kh);
  assert.equal(accepted.code, 0);
  assert.match(fs.readFileSync(kh, 'utf8'), /^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
  const f = await run('ssh-keygen', ['-F', `[${t.address}]:${t.port}`, '-f', kh]);
  assert.equal(f.code, 0, f.stderr);
  assert.equal(ds.calls().filter((c) => c.phase === 'start').length, 1);
});

test('a port that accepts but never answers times out alone; the others succeed', async () => {
  clearCalls();
  const silent = await startSilentServer();
  cleanups.push(() => silent.close());
  const list = `${ds.mirrorList('all', 5)}all hung 127.0.0.1 ${TEST_USER} -p ${silent.port}\n`;
  const started = Date.now();
  const { code, json } = await cli(list, ['--timeout', '2']);
  const elapsed = Date.now() - started;
  assert.equal(code, 1);
  const byName = new Map(json!.downstreams.map((d) => [d.name, d.status]));
  assert.equal(byName.get('hung'), 'timeout');
  for (const t of ds.targets.slice(0, 5)) assert.equal(byName.get(t.name), 'ok');
  assert.ok(elapsed < 4000, `took ${elapsed} ms`);
});

test('staged push: every stage2 starts after the last stage1 returned (downstream timestamps)', async () => {
  clearCalls();
  const n = 4;
  ds.setDelay(ds.targets[0].address, 1.2, 'stage1');
  ds.setDelay(ds.targets[2].address, 0.5, 'stage1');
  const { code, json } = await cli(ds.mirrorList('all', n), [
    '--staged',
    '--archive',
    'debian',
    '--concurrency',
    '2',
    '--push-delay',
    '20',
  ]);
  assert.equal(code, 0, JSON.stringify(json?.results));
  const calls = ds.calls();
  const stage1Ends = calls.filter((c) => c.phase === 'end' && c.command.endsWith('sync:stage1')).map((c) => c.time);
  const stage2Starts = calls.filter((c) => c.phase === 'start' && c.command.endsWith('sync:stage2')).map((c) => c.time);
  assert.equal(stage1Ends.length, n);
  assert.equal(stage2Starts.length, n);
  assert.ok(Math.min(...stage2Starts) > Math.max(...stage1Ends), 'a stage2 started before every stage1 had returned');
  // The concurrency cap bounds handshakes, not sessions: all stage1 sessions overlapped the slow one.
  const stage1Starts = calls.filter((c) => c.phase === 'start' && c.command.endsWith('sync:stage1')).map((c) => c.time);
  assert.ok(Math.max(...stage1Starts) < Math.max(...stage1Ends) - 0.5);
});

test('a second signal to a downstream still in flight joins the first instead of running twice', async () => {
  clearCalls();
  const t = ds.targets[4];
  ds.setDelay(t.address, 1, 'sleep');
  const s = signaller();
  const d: Downstream = { ...downstream(4), commandStyle: 'custom', command: 'sleep 1' };
  const [first, second] = await Promise.all([
    s.push([d], { timeoutMs: 10_000 }),
    new Promise((r) => setTimeout(r, 200)).then(() => s.push([d], { timeoutMs: 10_000 })),
  ]);
  assert.equal(first[0].status, 'ok');
  assert.equal(second[0].status, 'ok');
  assert.equal(second[0].coalesced, true);
  assert.equal(ds.calls().filter((c) => c.phase === 'start').length, 1);
  assert.equal(ds.calls()[0].command, 'sleep 1');
  // Once the first has finished, a new signal runs again.
  const third = await s.push([d], { timeoutMs: 10_000 });
  assert.equal(third[0].coalesced, undefined);
  assert.equal(ds.calls().filter((c) => c.phase === 'start').length, 2);
});

test('cancellation stops every downstream within a second, including hung and queued ones', async () => {
  clearCalls();
  const silent = await startSilentServer();
  cleanups.push(() => silent.close());
  for (const t of ds.targets.slice(0, 6)) ds.setDelay(t.address, 5);
  const plan: Downstream[] = [
    ...ds.targets.slice(0, 6).map((_, i) => downstream(i)),
    { name: 'hung', host: '127.0.0.1', port: silent.port, user: TEST_USER, type: 'all' },
  ];
  const ac = new AbortController();
  const pushing = signaller().push([...plan, ...ds.targets.slice(6, 12).map((_, i) => downstream(i + 6))], {
    concurrency: 3,
    timeoutMs: 30_000,
    signal: ac.signal,
  });
  await new Promise((r) => setTimeout(r, 700));
  const abortedAt = Date.now();
  ac.abort();
  const results = await pushing;
  const took = Date.now() - abortedAt;
  assert.ok(took < 1000, `cancel took ${took} ms`);
  assert.ok(
    results.filter((r) => r.status === 'cancelled').length >= 7,
    JSON.stringify(results.map((r) => [r.name, r.status])),
  );
  assert.equal(results.find((r) => r.name === 'hung')?.status, 'cancelled');
});

test('a @revoked host key is refused; no private key material reaches any output or log', async () => {
  clearCalls();
  const t = ds.targets[5];
  const hostPub = ds.sshds[0].hostKey.line.split(' ').slice(0, 2).join(' ');
  const kh = path.join(ds.dir, 'revoked_known_hosts');
  fs.writeFileSync(kh, `@revoked * ${hostPub}\n[${t.address}]:${t.port} ${hostPub}\n`);
  const { code, json, out } = await cli(`all ${t.name} ${t.address} ${TEST_USER} -p ${t.port}\n`, [], kh);
  assert.equal(code, 1);
  assert.equal(json!.results[0].status, 'refused');
  assert.match(json!.results[0].message!, /@revoked/);
  assert.equal(ds.calls().length, 0);
  const secret = fs.readFileSync(ds.key.privateKey, 'utf8').split('\n')[1];
  const logs = fs
    .readdirSync(path.join(ds.dir, 'log'))
    .map((f) => fs.readFileSync(path.join(ds.dir, 'log', f), 'utf8'));
  for (const text of [...out.stdout, ...out.stderr, ...logs]) assert.ok(!text.includes(secret));
});

test('a wrong key is a failure (no password fallback), and the exit code of a failing forced command is reported', async () => {
  clearCalls();
  const stranger = await generateKey(ds.dir, `stranger-${Date.now()}`);
  const t = ds.targets[6];
  const list = `all ${t.name} ${t.address} ${TEST_USER} -p ${t.port}\n`;
  const file = path.join(ds.dir, 'wrongkey.mirror');
  fs.writeFileSync(file, list);
  const out = capture();
  const code = await main(
    [
      'signal',
      '--mirror-list',
      file,
      '--key',
      stranger.privateKey,
      '--known-hosts',
      ds.knownHosts,
      '--only-known-hosts',
      '--ssh-config',
      'none',
      '--no-log',
      '--format',
      'json',
    ],
    out,
  );
  assert.equal(code, 1);
  assert.match(JSON.parse(out.stdout.join('')).results[0].message, /public key refused/);
  ds.setExit(t.address, 3);
  const failing = await cli(list, []);
  assert.equal(failing.code, 1);
  assert.equal(failing.json!.results[0].status, 'failed');
  assert.equal(failing.json!.results[0].exitCode, 3);
});

test('without --archive the CLI sends what runmirrors would: PUSHARCHIVE, else NAME of runmirrors-NAME.mirror', async () => {
  const dir = fs.mkdtempSync(path.join(ds.dir, 'archive-'));
  const common = [
    'signal',
    '--key',
    ds.key.privateKey,
    '--known-hosts',
    ds.knownHosts,
    '--only-known-hosts',
    '--ssh-config',
    'none',
    '--no-log',
    '--format',
    'json',
  ];
  const named = path.join(dir, 'runmirrors-security.mirror');
  fs.writeFileSync(named, ds.mirrorList('all', 1));
  clearCalls();
  assert.equal(await main([...common, '--mirror-list', named], capture()), 0);
  assert.deepEqual(
    ds
      .calls()
      .filter((c) => c.phase === 'start')
      .map((c) => c.command),
    ['sync:archive:security sync:all'],
  );
  fs.writeFileSync(path.join(dir, 'runmirrors-security.conf'), 'PUSHARCHIVE=debian-ports\n');
  clearCalls();
  assert.equal(await main([...common, '--mirror-list', named], capture()), 0);
  assert.deepEqual(
    ds
      .calls()
      .filter((c) => c.phase === 'start')
      .map((c) => c.command),
    ['sync:archive:debian-ports sync:all'],
  );
});
