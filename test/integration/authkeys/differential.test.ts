import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import type { Problem } from '../../../server/src/core/types';
import { run } from '../../support/process';
import { generateKey, Sshd, TEST_USER, type KeyPair } from '../../support/sshd';

// Differential tests: each case line is checked by our rules and written as the test user's
// authorized_keys of a private sshd; the client then tries to log in. A line we mark as an error must
// be refused; a line without errors (and without a warning that says sshd refuses it) must let the
// key in. One sshd for the file; sshd re-reads authorized_keys at every login.

let sshd: Sshd;
let dir: string;
let ed: KeyPair;
let rsa: KeyPair;
let rsa1024: KeyPair;
let ecdsa: KeyPair;
let target: net.Server;
let targetPort: number;

before(async () => {
  sshd = await Sshd.start({ logLevel: 'DEBUG1' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-authkeys-'));
  [ed, rsa, rsa1024, ecdsa] = await Promise.all([
    generateKey(dir, 'ed'),
    generateKey(dir, 'rsa', 'rsa', 2048),
    generateKey(dir, 'rsa1024', 'rsa', 1024),
    generateKey(dir, 'ecdsa', 'ecdsa', 256),
  ]);
  // A loopback service for -W/-L checks: says hello and closes.
  target = net.createServer((s) => s.end('hello\n'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetPort = (target.address() as net.AddressInfo).port;
});
after(async () => {
  await sshd?.dispose();
  await new Promise((resolve) => target?.close(resolve));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Warnings whose message says sshd will refuse the login although the line parses. */
const REFUSING_WARNINGS = new Set([
  'authkeys/key-expired',
  'authkeys/from-hostname',
  'authkeys/dsa-key',
  'authkeys/list-entry-never-matches',
]);
const FORCED = 'command="echo forced:$SSH_ORIGINAL_COMMAND"';

interface Case {
  name: string;
  /** The authorized_keys text; `{K}` is the ed25519 line, `{B}` its base64. */
  text: string;
  key?: () => KeyPair;
  /** What sshd does: `in` lets the key log in, `out` refuses it. */
  sshd: 'in' | 'out';
  /** The rule we expect to explain an `out` (error or refusing warning). */
  code?: string;
  /** Expected stdout of the login when it is `in`. */
  stdout?: string;
}

const cases: Case[] = [
  { name: 'plain key', text: '{K}', sshd: 'in', stdout: 'ok' },
  { name: 'restrict + forced command', text: `restrict,${FORCED} {K}`, sshd: 'in', stdout: 'forced:echo ok' },
  {
    name: 'Debian trigger line',
    text: `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,${FORCED} {K}`,
    sshd: 'in',
    stdout: 'forced:echo ok',
  },
  { name: 'option names in upper case', text: 'NO-PTY,COMMAND="echo upper" {K}', sshd: 'in', stdout: 'upper' },
  { name: 'mixed case x11', text: 'no-x11-FORWARDING,RESTRICT {K}', sshd: 'in', stdout: 'ok' },
  { name: 'leading empty item', text: ',no-pty {K}', sshd: 'in', stdout: 'ok' },
  { name: 'empty item in the middle', text: 'no-pty,,no-port-forwarding {K}', sshd: 'in', stdout: 'ok' },
  { name: 'trailing comma then space', text: 'no-pty, {K}', sshd: 'in', stdout: 'ok' },
  { name: 'space after comma', text: 'no-pty, no-port-forwarding {K}', sshd: 'out', code: 'authkeys/space-in-options' },
  { name: 'spaces around =', text: 'command = "echo x" {K}', sshd: 'out', code: 'authkeys/space-in-options' },
  { name: 'unquoted command', text: 'command=/bin/true {K}', sshd: 'out', code: 'authkeys/unquoted-value' },
  { name: 'single-quoted command', text: "command='echo x' {K}", sshd: 'out', code: 'authkeys/unquoted-value' },
  { name: 'unterminated quote', text: 'command="echo x {K}', sshd: 'out', code: 'authkeys/unterminated-quote' },
  { name: 'no-restrict', text: 'no-restrict {K}', sshd: 'out', code: 'authkeys/unknown-option' },
  { name: 'restricted', text: 'restricted {K}', sshd: 'out', code: 'authkeys/unknown-option' },
  { name: 'pty="yes"', text: 'pty="yes" {K}', sshd: 'out', code: 'authkeys/unknown-option' },
  { name: 'no-foo', text: 'no-foo {K}', sshd: 'out', code: 'authkeys/unknown-option' },
  { name: 'text after a closing quote', text: 'command="echo x"y {K}', sshd: 'out', code: 'authkeys/unknown-option' },
  {
    name: 'CR inside the options',
    text: 'no-pty\r,no-port-forwarding {K}',
    sshd: 'out',
    code: 'authkeys/unknown-option',
  },
  {
    name: 'two commands',
    text: 'command="echo a",command="echo b" {K}',
    sshd: 'out',
    code: 'authkeys/duplicate-option',
  },
  { name: 'two froms', text: 'from="127.0.0.1",from="127.0.0.1" {K}', sshd: 'out', code: 'authkeys/duplicate-option' },
  { name: 'bad environment name', text: 'environment="A-B=1" {K}', sshd: 'out', code: 'authkeys/invalid-environment' },
  {
    name: 'environment without =',
    text: 'environment="NOVALUE" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-environment',
  },
  { name: 'valid environment (ignored)', text: 'environment="MIRROR=debian" {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'expiry with dashes',
    text: 'expiry-time="2099-12-31" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-expiry-time',
  },
  { name: 'expiry as a word', text: 'expiry-time="tomorrow" {K}', sshd: 'out', code: 'authkeys/invalid-expiry-time' },
  { name: 'expiry date', text: 'expiry-time="20991231" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'expiry UTC minute', text: 'expiry-time="209912312359Z" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'expired', text: 'expiry-time="20000101" {K}', sshd: 'out', code: 'authkeys/key-expired' },
  { name: 'CIDR with host bits', text: 'from="127.0.0.1/8" {K}', sshd: 'out', code: 'authkeys/invalid-from' },
  { name: 'empty from element', text: 'from="127.0.0.1," {K}', sshd: 'out', code: 'authkeys/invalid-from' },
  { name: 'empty from', text: 'from="" {K}', sshd: 'out', code: 'authkeys/invalid-from' },
  { name: 'prefix too long', text: 'from="127.0.0.1,10.0.0.0/33" {K}', sshd: 'out', code: 'authkeys/invalid-from' },
  { name: 'from network', text: 'from="127.0.0.0/8" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'from list with IPv6', text: 'from="::1,127.0.0.1" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'from a word that is no address', text: 'from="127.0.0.1,not-a-net/x" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'from localhost', text: 'from="localhost" {K}', sshd: 'out', code: 'authkeys/from-hostname' },
  { name: 'permitopen without port', text: 'permitopen="localhost" {K}', sshd: 'out', code: 'authkeys/invalid-permit' },
  { name: 'permitopen bad bracket', text: 'permitopen="[::1:22" {K}', sshd: 'out', code: 'authkeys/invalid-permit' },
  { name: 'permitopen port 0', text: 'permitopen="localhost:0" {K}', sshd: 'out', code: 'authkeys/invalid-permit' },
  { name: 'permitopen host:port', text: 'permitopen="localhost:4444" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'permitopen service name', text: 'permitopen="localhost:ssh" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'permitlisten bare port', text: 'permitlisten="4445" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'bad tunnel', text: 'tunnel="x" {K}', sshd: 'out', code: 'authkeys/invalid-tunnel' },
  { name: 'tunnel any', text: 'tunnel="ANY" {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'principals on a plain key',
    text: 'principals="pmtest" {K}',
    sshd: 'out',
    code: 'authkeys/principals-without-cert-authority',
  },
  { name: 'upper-case key type', text: 'SSH-ED25519 {B}', sshd: 'out', code: 'authkeys/unknown-key-type' },
  { name: 'wrong key type', text: 'ssh-rsa {B}', sshd: 'out', code: 'authkeys/key-type-mismatch' },
  { name: 'ECDSA curve mismatch', text: '', key: () => ecdsa, sshd: 'out', code: 'authkeys/key-type-mismatch' },
  { name: 'truncated key', text: 'ssh-ed25519 {B-}', sshd: 'out', code: 'authkeys/corrupt-key' },
  { name: 'options without a key', text: 'restrict,command="echo x"', sshd: 'out', code: 'authkeys/missing-key' },
  { name: 'rsa-sha2-256 type name', text: '', key: () => rsa, sshd: 'in', stdout: 'ok' },
  { name: 'ecdsa key', text: '{E}', key: () => ecdsa, sshd: 'in', stdout: 'ok' },
  { name: 'RSA 1024 (accepted, warned)', text: '{R1024}', key: () => rsa1024, sshd: 'in', stdout: 'ok' },
  { name: 'CRLF line end', text: '{K}\r', sshd: 'in', stdout: 'ok' },
  { name: 'leading blanks and tabs', text: ' \t {K}', sshd: 'in', stdout: 'ok' },
  { name: 'tab between fields', text: 'no-pty\t{K}', sshd: 'in', stdout: 'ok' },
  { name: 'comment with # and quotes', text: '{K} # "mirror" key', sshd: 'in', stdout: 'ok' },
  { name: 'verify-required on ed25519', text: 'verify-required {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'restrict after permissions',
    text: `pty,port-forwarding,restrict,${FORCED} {K}`,
    sshd: 'in',
    stdout: 'forced:echo ok',
  },
  { name: 'escaped quote in command', text: 'command="echo \\"quoted\\"" {K}', sshd: 'in', stdout: 'quoted' },
  { name: 'a 12 KB line', text: `command="echo long #${'x'.repeat(12000)}" {K}`, sshd: 'in', stdout: 'long' },
  { name: 'comment and blank lines around', text: '# upstream\n\n   \n{K}\n# end', sshd: 'in', stdout: 'ok' },
  {
    name: 'broken line falls through to the next',
    text: 'no-foo,command="echo first" {K}\ncommand="echo second" {K}',
    sshd: 'in',
    stdout: 'second',
  },
  {
    name: 'from mismatch falls through to the next',
    text: 'from="192.0.2.1",command="echo first" {K}\ncommand="echo second" {K}',
    sshd: 'in',
    stdout: 'second',
  },
  {
    name: 'first matching line wins',
    text: 'command="echo first" {K}\ncommand="echo second" {K}',
    sshd: 'in',
    stdout: 'first',
  },
  // Values as sshd's C functions read them (a2port, strtonum, inet_aton, strptime).
  {
    name: 'permitopen service alias from /etc/services',
    text: 'permitopen="localhost:www" {K}',
    sshd: 'in',
    stdout: 'ok',
  },
  {
    name: 'permitopen service names are case-sensitive',
    text: 'permitopen="localhost:WWW" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-permit',
  },
  {
    name: 'permitopen port with a leading blank and a sign',
    text: 'permitopen="localhost: 22",permitopen="localhost:+22" {K}',
    sshd: 'in',
    stdout: 'ok',
  },
  {
    name: 'permitopen port in hex',
    text: 'permitopen="localhost:0x16" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-permit',
  },
  { name: 'permitlisten port 0', text: 'permitlisten="0" {K}', sshd: 'out', code: 'authkeys/invalid-permit' },
  { name: 'tunnel number with a sign', text: 'tunnel="+1" {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'tunnel number past the maximum',
    text: 'tunnel="2147483646" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-tunnel',
  },
  { name: 'from short form 127.1 is 127.0.0.1', text: 'from="127.1" {K}', sshd: 'in', stdout: 'ok' },
  { name: 'from in hex is an address, not a host name', text: 'from="0x7f.0.0.1" {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'from short network 127/8 is 0.0.0.127/8',
    text: 'from="127/8" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-from',
  },
  { name: 'expiry with blanks strptime skips', text: 'expiry-time="2099 1 1" {K}', sshd: 'in', stdout: 'ok' },
  {
    name: 'expiry at the epoch',
    text: 'expiry-time="19700101000000Z" {K}',
    sshd: 'out',
    code: 'authkeys/invalid-expiry-time',
  },
  {
    name: 'expiry on 29 February of a common year rolls over',
    text: 'expiry-time="20990229" {K}',
    sshd: 'in',
    stdout: 'ok',
  },
  {
    name: 'from with a space after the comma: that entry never matches',
    text: 'from="127.0.0.2, 127.0.0.1" {K}',
    sshd: 'out',
    code: 'authkeys/list-entry-never-matches',
  },
  {
    name: 'from with a space after the comma: the entries before it still do',
    text: 'from="127.0.0.1, 127.0.0.2" {K}',
    sshd: 'in',
    stdout: 'ok',
    code: 'authkeys/list-entry-never-matches',
  },
  // Pasting accidents.
  {
    name: 'key with its = padding lost',
    text: '{R1024-}',
    key: () => rsa1024,
    sshd: 'out',
    code: 'authkeys/corrupt-key',
  },
  { name: 'byte order mark before the first key', text: '\ufeff{K}', sshd: 'out', code: 'authkeys/byte-order-mark' },
  {
    name: 'key type joined to the options by a comma',
    text: 'restrict,{K}',
    sshd: 'out',
    code: 'authkeys/unknown-option',
  },
  {
    name: 'command in typographic quotes',
    text: 'command=\u201cecho x\u201d {K}',
    sshd: 'out',
    code: 'authkeys/unquoted-value',
  },
  { name: 'key wrapped onto a second line', text: '{K60}', sshd: 'out', code: 'authkeys/corrupt-key' },
  {
    name: 'a note written without #',
    text: "we don't need these keys any more - ask ops@example.org",
    sshd: 'out',
    code: 'authkeys/missing-key',
  },
];

function expand(c: Case): string {
  const [type, blob] = ed.line.split(' ');
  if (c.name === 'ECDSA curve mismatch') return `ecdsa-sha2-nistp384 ${ecdsa.line.split(' ')[1]}\n`;
  if (c.name === 'rsa-sha2-256 type name') return `rsa-sha2-256 ${rsa.line.split(' ').slice(1).join(' ')}\n`;
  return `${c.text
    .replace(/\{K\}/g, ed.line)
    .replace(/\{B\}/g, blob)
    .replace(/\{B-\}/g, blob.slice(0, -6))
    .replace(/\{E\}/g, ecdsa.line)
    .replace(/\{R1024\}/g, rsa1024.line)
    .replace(/\{R1024-\}/g, rsa1024.line.replace(/=+ /, ' '))
    .replace(/\{K60\}/g, `${type} ${blob.slice(0, 40)}\n${blob.slice(40)} wrapped`)
    .replace(/^ssh-ed25519 /, `${type} `)}\n`;
}

test(`${cases.length} authorized_keys lines: our errors are sshd's refusals, and clean lines log in`, async () => {
  assert.ok(cases.length >= 40);
  const failures: string[] = [];
  for (const c of cases) {
    const text = expand(c);
    const problems = authorizedKeysService.validate(text, { now: Date.now() });
    const errors = problems.filter((p) => p.severity === 'error');
    const refusing = problems.filter((p: Problem) => REFUSING_WARNINGS.has(p.code));
    sshd.writeAuthorizedKeys(text);
    const key = (c.key ?? (() => ed))();
    const r = await sshd.ssh(key.privateKey, ['echo', 'ok']);
    const loggedIn = r.code === 0;
    const why = `${c.name}: ${JSON.stringify(text.slice(0, 120))}\n  ours: ${problems.map((p) => `${p.severity} ${p.code}`).join(', ') || 'none'}\n  ssh: ${r.code} ${r.stderr.trim().slice(0, 200)}`;
    // The invariants hold per line; files of several lines are judged by which line's command ran.
    const single = text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).length === 1;
    if (single && errors.length && loggedIn) failures.push(`we report an error but sshd let the key in — ${why}`);
    if (single && !errors.length && !refusing.length && !loggedIn)
      failures.push(`no error from us but sshd refused — ${why}`);
    if ((c.sshd === 'in') !== loggedIn) failures.push(`expected sshd ${c.sshd} — ${why}`);
    if (c.code && !problems.some((p) => p.code === c.code)) failures.push(`expected ${c.code} — ${why}`);
    if (c.sshd === 'in' && c.stdout !== undefined && r.stdout.trim() !== c.stdout)
      failures.push(`expected output ${c.stdout}, got ${r.stdout.trim()} — ${why}`);
  }
  assert.deepEqual(failures, []);
});

async function triggerChecks(
  line: string,
): Promise<{ forced: string; w: number | null; wErr: string; r: number | null; rErr: string; tty: string }> {
  sshd.writeAuthorizedKeys(`${line}\n`);
  const forced = await sshd.ssh(ed.privateKey, ['sync:archive:debian', 'sync:all']);
  assert.equal(forced.code, 0, forced.stderr);
  const w = await sshd.ssh(ed.privateKey, [], { extra: ['-W', `127.0.0.1:${targetPort}`] });
  const rPort = await freeLoopbackPort();
  const r = await sshd.ssh(ed.privateKey, [], {
    extra: ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', `127.0.0.1:${rPort}:127.0.0.1:${targetPort}`],
    timeoutMs: 2000,
  });
  const tty = await sshd.ssh(ed.privateKey, ['true'], { extra: ['-tt'] });
  return {
    forced: forced.stdout.trim(),
    w: w.code,
    wErr: w.stderr,
    r: r.timedOut ? null : r.code,
    rErr: r.stderr,
    tty: tty.stderr + tty.stdout,
  };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('restrict and the Debian line: forced command with SSH_ORIGINAL_COMMAND, no -W/-L, no -R, no pty', async () => {
  for (const options of [
    `restrict,${FORCED},from="127.0.0.1"`,
    `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,${FORCED}`,
  ]) {
    const t = await triggerChecks(`${options} ${ed.line}`);
    assert.equal(t.forced, 'forced:sync:archive:debian sync:all', options);
    assert.equal(t.w, 255, `${options}: -W must be refused`);
    assert.match(t.wErr, /administratively prohibited|open failed/);
    assert.equal(t.r, 255, `${options}: -R must be refused`);
    assert.match(t.rErr, /remote port forwarding failed/);
    assert.match(t.tty, /PTY allocation request failed/);
  }
});

test('command= alone (what trigger-not-restricted warns about) still allows -W and a pty', async () => {
  const line = `${FORCED} ${ed.line}`;
  const codes = authorizedKeysService.validate(`${line}\n`, {}).map((p) => p.code);
  assert.ok(codes.includes('authkeys/trigger-not-restricted'));
  const t = await triggerChecks(line);
  assert.equal(t.forced, 'forced:sync:archive:debian sync:all');
  assert.equal(t.w, 0, t.wErr);
  assert.doesNotMatch(t.tty, /PTY allocation request failed/);
});

test('~/.ssh/rc runs for the Debian line (trigger-user-rc) but not with restrict', async () => {
  const home = (await run('getent', ['passwd', TEST_USER])).stdout.split(':')[5];
  const rc = path.join(home, '.ssh', 'rc');
  const created = !fs.existsSync(rc);
  assert.ok(created, `${rc} already exists; not touching it`);
  fs.mkdirSync(path.dirname(rc), { recursive: true });
  fs.writeFileSync(rc, 'echo rc-ran\n');
  try {
    const debian = `no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,${FORCED} ${ed.line}`;
    assert.ok(authorizedKeysService.validate(`${debian}\n`, {}).some((p) => p.code === 'authkeys/trigger-user-rc'));
    sshd.writeAuthorizedKeys(`${debian}\n`);
    assert.match((await sshd.ssh(ed.privateKey, ['x'])).stdout, /rc-ran/);
    sshd.writeAuthorizedKeys(`restrict,${FORCED} ${ed.line}\n`);
    assert.doesNotMatch((await sshd.ssh(ed.privateKey, ['x'])).stdout, /rc-ran/);
  } finally {
    fs.rmSync(rc, { force: true });
  }
});

test('cert-authority with principals: a certificate signed by the CA logs in, the CA key itself does not', async () => {
  const ca = await generateKey(dir, 'ca');
  const user = await generateKey(dir, 'certuser');
  const sign = await run('ssh-keygen', [
    '-q',
    '-s',
    ca.privateKey,
    '-I',
    'mirror-cert',
    '-n',
    'mirror',
    '-V',
    '+1h',
    user.publicKey,
  ]);
  assert.equal(sign.code, 0, sign.stderr);
  const text = `cert-authority,principals="mirror",${FORCED} ${ca.line}\n`;
  assert.deepEqual(
    authorizedKeysService.validate(text, {}).filter((p) => p.severity === 'error'),
    [],
  );
  sshd.writeAuthorizedKeys(text);
  const r = await sshd.ssh(user.privateKey, ['via-cert']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'forced:via-cert');
  assert.equal((await sshd.ssh(ca.privateKey, ['x'])).code, 255);
  // principals are split at commas only and read up to the first empty entry (9.2p1-2+deb12u10 has the
  // CVE-2026-35414 fix: each entry compared with strcmp, no limit on their number).
  const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
  const principalCases: [string, number, boolean][] = [
    ['backup, mirror', 255, true],
    ['mirror, backup', 0, true],
    ['backup,,mirror', 255, true],
    [[...many(60), 'mirror'].join(','), 0, false],
  ];
  for (const [list, code, warned] of principalCases) {
    const line = `cert-authority,principals="${list}",${FORCED} ${ca.line}\n`;
    const codes = authorizedKeysService.validate(line, {}).map((p) => p.code);
    assert.equal(codes.includes('authkeys/list-entry-never-matches'), warned, `${list}: ${codes.join(', ')}`);
    sshd.writeAuthorizedKeys(line);
    const r = await sshd.ssh(user.privateKey, ['p']);
    assert.equal(r.code, code, `${list}: ${r.stderr}`);
  }
  // The certificate itself as a line: sshd reads it, but it never equals the offered key, neither the
  // plain key (what the client offers second) nor the certificate (compared with its CA): nobody gets in.
  const certLine = fs.readFileSync(`${user.privateKey}-cert.pub`, 'utf8').trim();
  assert.deepEqual(
    authorizedKeysService
      .validate(`${certLine}\n`, {})
      .filter((p) => p.severity === 'error')
      .map((p) => p.code),
    ['authkeys/certificate-as-key'],
  );
  sshd.writeAuthorizedKeys(`${certLine}\n`);
  const before = sshd.log.length;
  // The client offers the certificate (next to the key file), then the plain key: both are refused.
  const both = await sshd.ssh(user.privateKey, ['x'], { extra: ['-v'] });
  assert.equal(both.code, 255, both.stderr);
  assert.match(both.stderr, /Offering public key: .*ED25519-CERT/);
  assert.match(both.stderr, /Offering public key: .*ED25519 SHA256/);
  assert.doesNotMatch(sshd.log.slice(before), /matching (key|CA) found/);
});
