import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { KnownHosts, knownHostsLine } from '../../../src/engine/knownHosts/knownHosts';
import { fingerprint, matchHostList, parseKnownHosts } from '../../../src/engine/knownHosts/parse';

// The matcher against OpenSSH itself: for a table of hosts and ports, the lines we match must be
// exactly the lines `ssh-keygen -F` prints, over a file with plain, hashed, bracketed, wildcard,
// negated and marked entries.

let dir: string;
const keys: { line: string; blob: Buffer; type: string; pub: string }[] = [];
let file: string;
let text: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-kh-'));
  for (const [i, type] of ['ed25519', 'ed25519', 'ecdsa'].entries()) {
    const f = path.join(dir, `k${i}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', f]);
    const [t, b64] = fs.readFileSync(`${f}.pub`, 'utf8').split(' ');
    keys.push({ line: `${t} ${b64}`, blob: Buffer.from(b64, 'base64'), type: t, pub: `${f}.pub` });
  }
  const [a, b, c] = keys;
  const hashedPlain = knownHostsLine('hashed.example.org', 22, a.blob, true);
  const hashedPort = knownHostsLine('10.0.0.7', 2222, b.blob, true);
  text = [
    '# comment',
    `mirror.example.org,192.0.2.10 ${a.line}`,
    `[mirror.example.org]:2222 ${b.line}`,
    `*.debian.org,!evil.debian.org ${a.line}`,
    `push?.example.net ${c.line}`,
    `[*.ports.test]:* ${b.line}`,
    hashedPlain,
    hashedPort,
    `@revoked revoked.example.org ${c.line}`,
    `@cert-authority *.ca.example.org ${a.line}`,
    `MiXeD.Example.ORG ${c.line}`,
    `broken line without key`,
    `@unknown-marker mirror.example.org ${a.line}`,
    `[127.0.1.5]:40022 ${a.line}`,
    '',
  ].join('\n');
  file = path.join(dir, 'known_hosts');
  fs.writeFileSync(file, text);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Line numbers `ssh-keygen -F name -f file` reports. */
function keygenLines(name: string): number[] {
  const r = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/found: line (\d+)/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
}

const TABLE: [string, number][] = [
  ['mirror.example.org', 22],
  ['MIRROR.example.org', 22],
  ['192.0.2.10', 22],
  ['mirror.example.org', 2222],
  ['mirror.example.org', 2200],
  ['ftp.debian.org', 22],
  ['evil.debian.org', 22],
  ['debian.org', 22],
  ['push1.example.net', 22],
  ['push12.example.net', 22],
  ['a.ports.test', 873],
  ['a.ports.test', 22],
  ['hashed.example.org', 22],
  ['hashed.example.org', 2222],
  ['10.0.0.7', 2222],
  ['10.0.0.7', 22],
  ['revoked.example.org', 22],
  ['x.ca.example.org', 22],
  ['mixed.example.org', 22],
  ['127.0.1.5', 40022],
  ['127.0.1.5', 22],
  ['nowhere.invalid', 22],
];

test('matching lines agree with ssh-keygen -F for every host and port in the table', () => {
  const kh = new KnownHosts([file]);
  let matched = 0;
  for (const [host, port] of TABLE) {
    const name = port === 22 ? host : `[${host}]:${port}`;
    const ours = kh
      .lookup(host, port)
      .map((e) => e.line)
      .sort((x, y) => x - y);
    assert.deepEqual(ours, keygenLines(name), `${name}`);
    matched += ours.length;
  }
  // Not a vacuous agreement: most rows match something.
  assert.ok(matched >= 12, `only ${matched} matches`);
});

test('verify: trusted, changed (naming both fingerprints), unknown, revoked, cert-authority only', () => {
  const [a, b, c] = keys;
  const kh = new KnownHosts([file]);
  assert.equal(kh.verify('mirror.example.org', 22, a.blob).status, 'trusted');
  assert.equal(kh.verify('hashed.example.org', 22, a.blob).status, 'trusted');
  assert.equal(kh.verify('10.0.0.7', 2222, b.blob).status, 'trusted');
  const changed = kh.verify('mirror.example.org', 2222, a.blob);
  assert.equal(changed.status, 'changed');
  assert.deepEqual(
    changed.known?.map((k) => k.fingerprint),
    [fingerprint(b.blob)],
  );
  assert.equal(changed.fingerprint, fingerprint(a.blob));
  assert.equal(kh.verify('evil.debian.org', 22, a.blob).status, 'unknown');
  assert.equal(kh.verify('revoked.example.org', 22, c.blob).status, 'revoked');
  const ca = kh.verify('x.ca.example.org', 22, b.blob);
  assert.equal(ca.status, 'unknown');
  assert.equal(ca.certAuthorityOnly, true);
  // A host key of another type than the one known is not silently new: it is refused as changed.
  assert.equal(kh.verify('push1.example.net', 22, a.blob).status, 'changed');
});

test('fingerprints are those of ssh-keygen -l', () => {
  for (const k of keys) {
    const out = execFileSync('ssh-keygen', ['-lf', k.pub], { encoding: 'utf8' });
    assert.equal(fingerprint(k.blob), out.split(' ')[1]);
  }
});

test('add writes one hashed line atomically that ssh-keygen -F finds, and keeps the mode and earlier lines', async () => {
  const target = path.join(dir, 'added_known_hosts');
  fs.writeFileSync(target, `# mine\nold.example.org ${keys[0].line}`, { mode: 0o600 });
  const kh = new KnownHosts([target]);
  const line = await kh.add('New.Example.org', 2022, keys[1].blob, { hashed: true });
  assert.match(line, /^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
  const content = fs.readFileSync(target, 'utf8');
  assert.equal(content, `# mine\nold.example.org ${keys[0].line}\n${line}\n`);
  assert.equal(fs.statSync(target).mode & 0o777, 0o600);
  const r = spawnSync('ssh-keygen', ['-F', '[new.example.org]:2022', '-f', target], { encoding: 'utf8' });
  assert.match(r.stdout, /found: line 3/);
  assert.equal(kh.verify('new.example.org', 2022, keys[1].blob).status, 'trusted');
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
});

test('pattern lists: negation vetoes, ? is one character, case does not matter', () => {
  assert.equal(matchHostList('a.b', '*.b,!a.b'), false);
  assert.equal(matchHostList('c.b', '*.b,!a.b'), true);
  assert.equal(matchHostList('ab', 'a?'), true);
  assert.equal(matchHostList('abc', 'a?'), false);
  assert.equal(matchHostList('HOST', 'host'), true);
  assert.equal(matchHostList('a.b', '!a.b'), false);
});

test('unreadable lines are skipped, the rest still read (blob type must match the named type)', () => {
  const entries = parseKnownHosts(
    `bad ssh-rsa ${keys[0].line.split(' ')[1]}\n|1|short|x ${keys[0].line}\nok ${keys[0].line}\n`,
  );
  assert.deepEqual(
    entries.map((e) => e.line),
    [3],
  );
});
