import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseAuthorizedKeysLine } from '../../../server/src/core/authkeys/parser';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { FileExistsError, writeNewFile } from '../../../src/engine/fsutil/atomic';
import { generateKey, validateSpec } from '../../../src/engine/keys/generate';
import { createKeyFiles, expandHome, freeKeyFile, validateKeyPath } from '../../../src/engine/keys/keyFile';
import { keyfileEdit } from '../../../src/engine/keys/runmirrorsConf';
import { machineAddresses, triggerLine, validateCommand, validateFrom } from '../../../src/engine/keys/trigger';
import { applyEdits } from '../../../src/engine/accounts/authUsers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-keys-unit-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const mode = (f: string) => fs.statSync(f).mode & 0o777;

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (l) => out.push(l), info: (l) => err.push(l), error: (l) => err.push(l) };
}

for (const [type, bits, name] of [
  ['ed25519', undefined, 'ssh-ed25519'],
  ['ecdsa', 384, 'ecdsa-sha2-nistp384'],
  ['rsa', 2048, 'ssh-rsa'],
] as const) {
  test(`generates ${type} keys in OpenSSH format with a matching fingerprint`, async () => {
    const key = await generateKey({ type, ...(bits ? { bits } : {}), comment: 'push@upstream' });
    assert.match(key.privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+-----END OPENSSH PRIVATE KEY-----\n$/);
    assert.ok(key.publicLine.startsWith(`${name} AAAA`));
    assert.ok(key.publicLine.endsWith(' push@upstream'));
    assert.equal(key.bits, bits ?? 256);
    assert.match(key.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  });
}

test('key specs: bits and comments are validated', () => {
  assert.match(validateSpec({ type: 'rsa', bits: 1024 }) ?? '', /2048/);
  assert.match(validateSpec({ type: 'ecdsa', bits: 300 }) ?? '', /256, 384 or 521/);
  assert.match(validateSpec({ type: 'dsa' as never }) ?? '', /unknown key type/);
  assert.match(validateSpec({ type: 'ed25519', comment: 'a\nb' }) ?? '', /single line/);
  assert.equal(validateSpec({ type: 'ed25519', comment: 'ok comment' }), undefined);
});

test('trigger line: restrict first, command and from quoted, parsed back by the authorized_keys parser', async () => {
  const key = await generateKey({ type: 'ed25519', comment: 'c' });
  const line = triggerLine(key.publicLine, '~/websync &', '192.0.2.7,2001:db8::7');
  assert.equal(line, `restrict,command="~/websync &",from="192.0.2.7,2001:db8::7" ${key.publicLine}`);
  const parsed = parseAuthorizedKeysLine(line);
  assert.deepEqual(
    parsed?.options?.items.map((i) => i.spec?.name),
    ['restrict', 'command', 'from'],
  );
  assert.equal(triggerLine(key.publicLine, 'say "hi"'), `restrict,command="say \\"hi\\"" ${key.publicLine}`);
  assert.throws(() => triggerLine(key.publicLine, 'x\\'), RangeError);
});

test('from= lists are checked the way sshd refuses them', () => {
  assert.equal(validateFrom(''), undefined);
  assert.equal(validateFrom('192.0.2.1,2001:db8::1,10.0.0.0/8,!192.0.2.9,*.example.org'), undefined);
  assert.match(validateFrom('127.0.0.1/8') ?? '', /host bits/);
  assert.match(validateFrom('a,,b') ?? '', /empty element/);
  assert.match(validateFrom('a,') ?? '', /empty element/);
  assert.match(validateFrom('a, b') ?? '', /commas only/);
  assert.match(validateFrom('a"b') ?? '', /not an address/);
  assert.match(validateCommand('') ?? '', /empty/);
  assert.equal(validateCommand('~/bin/ftpsync'), undefined);
});

test('machine addresses: IPv4 then IPv6, no loopback or link-local, no duplicates', () => {
  const v4 = (address: string, internal = false) => ({
    address,
    family: 'IPv4' as const,
    internal,
    netmask: '',
    mac: '',
    cidr: null,
  });
  const v6 = (address: string, internal = false) => ({
    address,
    family: 'IPv6' as const,
    internal,
    netmask: '',
    mac: '',
    cidr: null,
    scopeid: 0,
  });
  const got = machineAddresses({
    lo: [v4('127.0.0.1', true), v6('::1', true)],
    eth0: [v6('2001:db8::5'), v6('fe80::1'), v4('192.0.2.5')],
    eth1: [v4('192.0.2.5')],
  });
  assert.deepEqual(
    got.map((a) => a.address),
    ['192.0.2.5', '2001:db8::5'],
  );
});

test('writeNewFile: exact mode, no temp files left, refuses an existing file and keeps its bytes', async () => {
  const f = path.join(dir, 'atomic');
  await writeNewFile(f, 'one', 0o600);
  assert.equal(mode(f), 0o600);
  await assert.rejects(writeNewFile(f, 'two', 0o600), FileExistsError);
  assert.equal(fs.readFileSync(f, 'utf8'), 'one');
  const old = process.umask(0o077);
  try {
    await writeNewFile(`${f}.pub`, 'pub', 0o644);
  } finally {
    process.umask(old);
  }
  assert.equal(mode(`${f}.pub`), 0o644);
  assert.deepEqual(
    fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')),
    [],
  );
});

test('createKeyFiles: 0600 key + 0644 .pub; never overwrites; offers a free name', async () => {
  const file = path.join(dir, 'pushmirror');
  const logged: string[] = [];
  const key = await createKeyFiles(
    { type: 'ed25519', file, command: '~/bin/ftpsync', from: '192.0.2.1', comment: 'x' },
    { info: (m) => logged.push(m) },
  );
  assert.equal(mode(file), 0o600);
  assert.equal(mode(`${file}.pub`), 0o644);
  assert.equal(fs.readFileSync(`${file}.pub`, 'utf8'), `${key.publicLine}\n`);
  const privateBytes = fs.readFileSync(file, 'utf8');
  assert.ok(!logged.join('\n').includes(privateBytes.split('\n')[1]), 'no private key material in the log');
  await assert.rejects(createKeyFiles({ type: 'ed25519', file, command: 'x' }), FileExistsError);
  assert.equal(fs.readFileSync(file, 'utf8'), privateBytes, 'existing key untouched');
  assert.equal(await freeKeyFile(file), `${file}-2`);
  // Only the .pub exists: still taken (a naive keygen would overwrite it).
  fs.writeFileSync(path.join(dir, 'lonely.pub'), 'ssh-ed25519 AAAA keep\n');
  await assert.rejects(
    createKeyFiles({ type: 'ed25519', file: path.join(dir, 'lonely'), command: 'x' }),
    FileExistsError,
  );
  assert.equal(fs.readFileSync(path.join(dir, 'lonely.pub'), 'utf8'), 'ssh-ed25519 AAAA keep\n');
  assert.equal(fs.existsSync(path.join(dir, 'lonely')), false);
});

test('createKeyFiles: a command that cannot be written fails before any file exists', async () => {
  const file = path.join(dir, 'never');
  await assert.rejects(createKeyFiles({ type: 'ed25519', file, command: 'ends\\' }), RangeError);
  assert.equal(fs.existsSync(file), false);
  assert.equal(fs.existsSync(`${file}.pub`), false);
});

test('key paths: ~ expansion and checks', () => {
  assert.equal(expandHome('~/.ssh/pushmirror', '/home/m'), '/home/m/.ssh/pushmirror');
  assert.equal(expandHome('/abs', '/home/m'), '/abs');
  assert.match(validateKeyPath('k.pub') ?? '', /private key/);
  assert.match(validateKeyPath('dir/') ?? '', /not a directory/);
});

test('runmirrors.conf KEYFILE: replace the active line, else after the sample, else append', () => {
  assert.equal(
    applyEdits('A=1\nKEYFILE=.ssh/old\nB=2\n', [
      keyfileEdit('A=1\nKEYFILE=.ssh/old\nB=2\n', '/home/m/.ssh/pushmirror'),
    ]),
    'A=1\nKEYFILE=/home/m/.ssh/pushmirror\nB=2\n',
  );
  assert.equal(
    applyEdits('# KEYFILE=.ssh/pushmirror\nB=2\n', [keyfileEdit('# KEYFILE=.ssh/pushmirror\nB=2\n', '/k')]),
    '# KEYFILE=.ssh/pushmirror\nKEYFILE=/k\nB=2\n',
  );
  assert.equal(applyEdits('B=2', [keyfileEdit('B=2', '/a b')]), "B=2\nKEYFILE='/a b'\n");
  assert.equal(applyEdits('export KEYFILE=x\n', [keyfileEdit('export KEYFILE=x\n', '/k')]), 'export KEYFILE=/k\n');
});

test('CLI keygen: prints the line, refuses to overwrite (exit 1), usage errors exit 2', async () => {
  const file = path.join(dir, 'cli-key');
  const io = capture();
  assert.equal(
    await main(
      ['keygen', '--file', file, '--command', '~/bin/ftpsync', '--from', '192.0.2.1', '--comment', 'cli test'],
      io,
    ),
    0,
  );
  assert.equal(io.out.length, 1);
  assert.match(io.out[0], /^restrict,command="~\/bin\/ftpsync",from="192\.0\.2\.1" ssh-ed25519 AAAA\S+ cli test$/);
  const before = fs.readFileSync(file);
  const again = capture();
  assert.equal(await main(['keygen', '--file', file, '--command', 'x'], again), 1);
  assert.match(again.err.join('\n'), /already exists; not overwriting/);
  assert.match(again.err.join('\n'), /--file .*cli-key-2/);
  assert.deepEqual(fs.readFileSync(file), before);
  const all = [...io.err, ...io.out, ...again.err].join('\n');
  assert.ok(!all.includes('PRIVATE KEY'));
  for (const bad of [
    ['--type', 'dsa', '--command', 'x'],
    ['--file', path.join(dir, 'n')],
    ['--command', 'x', '--from', '10.0.0.1/8', '--file', path.join(dir, 'n')],
  ]) {
    const e = capture();
    assert.equal(await main(['keygen', ...bad], e), 2, bad.join(' '));
  }
  assert.equal(fs.existsSync(path.join(dir, 'n')), false);
});
