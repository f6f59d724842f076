import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseMirrorLog } from '../../../src/engine/inventory/status';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { SignalDeps, SignalOutcome } from '../../../src/engine/ssh/connect';
import { hostKeyAlgorithms } from '../../../src/engine/ssh/connect';
import { archvsyncCommand, stagesFor, type Downstream, type PlanEntry } from '../../../src/engine/ssh/downstream';
import { Signaller } from '../../../src/engine/ssh/fanout';
import { planFromMirrorList } from '../../../src/engine/ssh/mirrorList';
import { dateU, logFileName } from '../../../src/engine/ssh/runLog';
import { parseSshWords, resolveSettings, type ConnectionSettings } from '../../../src/engine/ssh/settings';
import { fromText } from '../../../src/engine/ssh/sshConfig';

const d = (name: string, type: Downstream['type'] = 'all', extra: Partial<Downstream> = {}): Downstream => ({
  name,
  host: `${name}.example.org`,
  type,
  ...extra,
});

test('archvsync commands are exactly what runmirrors signal() sends', () => {
  const o = { archive: 'debian', pushKind: 'mhop' as const };
  assert.equal(archvsyncCommand(d('a'), 'all', o), 'sync:archive:debian sync:all');
  assert.equal(archvsyncCommand(d('a'), 'all', { ...o, archive: '' }), 'sync:archive: sync:all');
  assert.equal(archvsyncCommand(d('s', 'staged'), 'stage1', o), 'sync:archive:debian sync:stage1');
  assert.equal(archvsyncCommand(d('m', 'mhop'), 'stage1', o), 'sync:archive:debian sync:mhop sync:stage1');
  assert.equal(
    archvsyncCommand(d('m', 'mhop'), 'stage2', { ...o, pushKind: 'all' }),
    'sync:archive:debian sync:stage2',
  );
  assert.equal(
    archvsyncCommand(d('m', 'mhop', { archive: 'security' }), 'stage2', { ...o, callback: true }),
    'sync:archive:security sync:callback sync:mhop sync:stage2',
  );
});

test('stages per push kind, as runmirrors: mhop from ftpsync sends only stage1 and skips plain mirrors', () => {
  assert.deepEqual(stagesFor(d('a'), 'mhop', false), ['all']);
  assert.deepEqual(stagesFor(d('s', 'staged'), 'mhop', false), ['stage1', 'stage2']);
  assert.deepEqual(stagesFor(d('s', 'staged'), 'stage2', false), ['stage2']);
  assert.deepEqual(stagesFor(d('s', 'mhop'), 'mhop', true), ['stage1']);
  assert.deepEqual(stagesFor(d('a'), 'mhop', true), []);
  assert.deepEqual(stagesFor(d('c', 'all', { commandStyle: 'custom', command: 'sleep 1' }), 'mhop', false), ['custom']);
});

test('mirror list adapter: fields, URL form, legacy key, options mangled like runmirrors, DELAY, skipped lines', () => {
  const text = [
    '# comment',
    'all m1 m1.example.org user1',
    'staged m2 m2.example.org user2 -p 2222 -o ConnectTimeout=5',
    'mhop m3 ssh+ftpsync://u3@m3.example.org/security',
    'all m4 m4.example.org user4 2 /keys/m4',
    'DELAY 30',
    'DELAY 120 stage1',
    'all m5 http://m5.example.org/',
    'bogus m6 m6.example.org u',
    'all m7 m7.example.org user7 %weird',
  ].join('\n');
  const plan = planFromMirrorList(text, '/home/archvsync/.ssh/pushmirror');
  assert.deepEqual(plan.entries, [
    { name: 'm1', host: 'm1.example.org', user: 'user1', keyFiles: ['/home/archvsync/.ssh/pushmirror'], type: 'all' },
    // runmirrors keeps the options only up to the second blank.
    {
      name: 'm2',
      host: 'm2.example.org',
      user: 'user2',
      keyFiles: ['/home/archvsync/.ssh/pushmirror'],
      sshOptions: ['-p', '2222'],
      type: 'staged',
    },
    {
      name: 'm3',
      host: 'm3.example.org',
      user: 'u3',
      keyFiles: ['/home/archvsync/.ssh/pushmirror'],
      type: 'mhop',
      archive: 'security',
    },
    { name: 'm4', host: 'm4.example.org', user: 'user4', keyFiles: ['/keys/m4'], type: 'all' },
    { delay: true, seconds: 30, stage1: false },
    { delay: true, seconds: 120, stage1: true },
  ]);
  assert.deepEqual(
    plan.skipped.map((s) => s.line),
    [8, 9, 10],
  );
});

test('settings: mirror list fields beat ~/.ssh/config, which fills in the rest; weakening options are ignored', () => {
  const config = fromText(
    [
      'Host m1.example.org',
      '  HostName 192.0.2.1',
      '  Port 2200',
      '  User confuser',
      '  IdentityFile ~/.ssh/extra',
      '  IdentitiesOnly yes',
      '  ServerAliveInterval 10',
      'Host *',
      '  User everyone',
    ].join('\n'),
  );
  const s = resolveSettings(
    d('m1', 'all', {
      user: 'listuser',
      sshOptions: ['-o', 'StrictHostKeyChecking=no', '-oUserKnownHostsFile=/dev/null'],
    }),
    { sshConfig: config, home: '/home/a', agent: true },
  );
  assert.equal(s.address, '192.0.2.1');
  assert.equal(s.hostKeyName, '192.0.2.1');
  assert.equal(s.port, 2200);
  assert.equal(s.user, 'listuser');
  assert.deepEqual(s.keyFiles, ['/home/a/.ssh/pushmirror', '/home/a/.ssh/extra']);
  assert.equal(s.useAgent, false, 'IdentitiesOnly=yes keeps the agent out');
  assert.equal(s.keepaliveMs, 10_000);
  assert.equal(s.connectTimeoutMs, 45_000);
  assert.equal(s.ignored.length, 2);
  assert.deepEqual(s.knownHostsFiles, []);
  const p = resolveSettings(
    d('m9', 'all', { sshOptions: ['-p2222', '-l', 'x', '-o', 'ConnectTimeout=3', '-o', 'HostKeyAlias=alias'] }),
    { sshConfig: config, home: '/h', defaultKeyFile: '/k' },
  );
  assert.deepEqual([p.port, p.user, p.connectTimeoutMs, p.hostKeyName, p.keyFiles], [2222, 'x', 3000, 'alias', ['/k']]);
  assert.deepEqual(parseSshWords(['-4', '-vp', '22', '-oA=b']), [
    { flag: '4' },
    { flag: 'v' },
    { flag: 'p', arg: '22' },
    { flag: 'o', arg: 'A=b' },
  ]);
});

test('host key algorithms put the known types first, as OpenSSH does', () => {
  assert.deepEqual(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  assert.equal(hostKeyAlgorithms([])[0], 'ssh-ed25519');
  assert.equal(hostKeyAlgorithms(['ssh-dss-unknown']).includes('ssh-dss-unknown'), false);
});

test('run log helpers: date -u format and safe file names', () => {
  assert.equal(dateU(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), 'Tue Jan  2 03:04:05 UTC 2024');
  assert.equal(logFileName('mirror.example'), 'mirror.example.log');
  assert.equal(logFileName('../etc/passwd'), '__etc_passwd.log');
});

/** A transport that records calls and answers after `ms`, accepting at once. */
function fakeTransport(
  log: { t: number; host: string; command: string; phase: string }[],
  ms: (s: ConnectionSettings, c: string) => number,
  status: SignalOutcome['status'] = 'ok',
) {
  const t0 = Date.now();
  return async (s: ConnectionSettings, command: string, deps: SignalDeps): Promise<SignalOutcome> => {
    // As ssh2 does once the server has spoken: a handshake slot for the key exchange and login.
    const release = (await deps.handshakeSlot?.(deps.signal)) ?? (() => undefined);
    handshakes.now++;
    handshakes.max = Math.max(handshakes.max, handshakes.now);
    await new Promise((r) => setTimeout(r, 2));
    handshakes.now--;
    release();
    return new Promise((resolve) => {
      log.push({ t: Date.now() - t0, host: s.address, command, phase: 'start' });
      deps.onAccepted?.();
      const timer = setTimeout(
        () => {
          log.push({ t: Date.now() - t0, host: s.address, command, phase: 'end' });
          resolve({ status, accepted: true, exitCode: 0, output: '', durationMs: 1 });
        },
        ms(s, command),
      );
      deps.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve({ status: 'cancelled', accepted: true, output: '', durationMs: 1 });
      });
    });
  };
}

/** Handshakes the fake transport has in progress, and the most at once. */
const handshakes = { now: 0, max: 0 };

const signaller = (transport: ReturnType<typeof fakeTransport>) =>
  new Signaller({ knownHosts: KnownHosts.fromText(''), sshConfig: fromText(''), defaultKeyFile: '/k', transport });

test('fan-out: DELAY pauses the walk; staged waits for every sibling before stage2; PUSHDELAY limit releases everyone', async () => {
  const log: { t: number; host: string; command: string; phase: string }[] = [];
  const plan: PlanEntry[] = [
    d('s1', 'staged'),
    d('s2', 'staged'),
    { delay: true, seconds: 0.1, stage1: false },
    d('a1'),
  ];
  const results = await signaller(
    fakeTransport(log, (s, c) => (s.address.startsWith('s1') && c.endsWith('stage1') ? 150 : 10)),
  ).push(plan, { archive: 'x' });
  assert.equal(results.length, 5);
  const s2stage2 = log.find((l) => l.host.startsWith('s2') && l.command.endsWith('stage2') && l.phase === 'start')!;
  const s1stage1end = log.find((l) => l.host.startsWith('s1') && l.command.endsWith('stage1') && l.phase === 'end')!;
  assert.ok(s2stage2.t >= s1stage1end.t, 's2 sent stage2 before s1 finished stage1');
  assert.ok(log.find((l) => l.host.startsWith('a1'))!.t >= 95, 'DELAY was not honoured');

  const slow: typeof log = [];
  const started = Date.now();
  await signaller(fakeTransport(slow, (s, c) => (s.address.startsWith('s1') && c.endsWith('stage1') ? 5000 : 5))).push(
    [d('s1', 'staged'), d('s2', 'staged')],
    { pushDelayMs: 200, timeoutMs: 10_000, signal: AbortSignal.timeout(1500) },
  );
  const s2 = slow.find((l) => l.host.startsWith('s2') && l.command.endsWith('stage2'))!;
  assert.ok(s2.t >= 190 && s2.t < 1000, `stage2 of s2 at ${s2.t} ms`);
  assert.ok(Date.now() - started < 2500);
});

test('fan-out: the cap bounds handshakes, not sessions (100 downstreams holding their session 200 ms, cap 5)', async () => {
  const log: { t: number; host: string; command: string; phase: string }[] = [];
  const plan = Array.from({ length: 100 }, (_, i) => d(`m${i}`));
  const started = Date.now();
  handshakes.max = 0;
  const results = await signaller(fakeTransport(log, () => 200)).push(plan, { concurrency: 5 });
  assert.equal(results.filter((r) => r.status === 'ok').length, 100);
  assert.equal(handshakes.max, 5, 'the cap was not the number of handshakes at once');
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms: slots were held for whole sessions`);
});

test('fan-out: identical requests within one push are coalesced; different commands are not', async () => {
  const log: { t: number; host: string; command: string; phase: string }[] = [];
  const results = await signaller(fakeTransport(log, () => 50)).push([
    d('m'),
    d('m'),
    d('m', 'all', { commandStyle: 'custom', command: 'true' }),
  ]);
  assert.equal(log.filter((l) => l.phase === 'start').length, 2);
  assert.equal(results.filter((r) => r.coalesced).length, 1);
});

test('fan-out: onStart hands the time the log entry carries, though the host key settles a second later', async (t) => {
  // The row finds the log entry its signal wrote by that time, in the entry's whole seconds: an attempt
  // begun at x.990 whose host key settled at y.010 must not look for an entry from second y on.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-fanout-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  t.mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 11, 6, 20, 46, 55, 990) });
  const transport = async (_s: ConnectionSettings, _c: string, deps: SignalDeps): Promise<SignalOutcome> => {
    t.mock.timers.tick(20); // the key exchange and login
    deps.onHostKeySettled?.();
    return { status: 'ok', accepted: true, exitCode: 0, output: '', durationMs: 20 };
  };
  let inFlightSince = 0;
  await new Signaller({
    knownHosts: KnownHosts.fromText(''),
    sshConfig: fromText(''),
    defaultKeyFile: '/k',
    transport,
  }).push([d('m')], { logDir: dir, onStart: (_d, _stage, begun) => (inFlightSince = begun.getTime()) });
  const logged = parseMirrorLog(fs.readFileSync(path.join(dir, logFileName('m')), 'utf8'))!;
  assert.equal(logged.time, Date.UTC(2026, 11, 6, 20, 46, 55));
  assert.ok(Math.floor(inFlightSince / 1000) * 1000 <= logged.time!, `in flight since ${inFlightSince}`);
});
