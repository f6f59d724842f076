import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { utils } from 'ssh2';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';
import { createKeyFiles } from '../../../src/engine/keys/keyFile';
import { run } from '../../support/process';
import { Sshd } from '../../support/sshd';

// The generated keys against the real OpenSSH: ssh-keygen reads our private key and derives our
// .pub and fingerprint, and a private sshd accepts the generated authorized_keys line and runs only
// its forced command. Every key is generated at run time in a temp directory.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-keygen-int-'));
let sshd: Sshd;
before(async () => {
  sshd = await Sshd.start();
});
after(async () => {
  await sshd?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything the CLI says, on both streams: the test checks no secret ever appears in it. */
const transcript: string[] = [];
function capture(): Output & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    print: (l) => (out.push(l), transcript.push(l)),
    info: (l) => transcript.push(l),
    error: (l) => transcript.push(l),
  };
}

const FORCED = 'echo forced:$SSH_ORIGINAL_COMMAND';
const cases = [
  { type: 'ed25519', args: [], sshType: 'ssh-ed25519', bits: '256' },
  { type: 'ecdsa', args: [], sshType: 'ecdsa-sha2-nistp256', bits: '256' },
  { type: 'rsa', args: [], sshType: 'ssh-rsa', bits: '4096' },
];
const privateKeys: string[] = [];

for (const c of cases) {
  test(`${c.type}: ssh-keygen derives our .pub and fingerprint; sshd runs only the forced command`, async () => {
    const file = path.join(dir, `pushmirror-${c.type}`);
    const io = capture();
    const code = await main(
      [
        'keygen',
        '--type',
        c.type,
        '--file',
        file,
        '--command',
        FORCED,
        '--from',
        '127.0.0.1',
        '--comment',
        `${c.type}@upstream`,
        ...c.args,
      ],
      io,
    );
    assert.equal(code, 0, transcript.join('\n'));
    const line = io.out[0];
    privateKeys.push(fs.readFileSync(file, 'utf8'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(`${file}.pub`).mode & 0o777, 0o644);

    const pub = fs.readFileSync(`${file}.pub`, 'utf8');
    const derived = await run('ssh-keygen', ['-y', '-f', file]);
    assert.equal(derived.code, 0, derived.stderr);
    assert.equal(derived.stdout, pub, 'ssh-keygen -y derives exactly our .pub (type, key and comment)');
    assert.ok(pub.startsWith(`${c.sshType} `));

    const fpPub = await run('ssh-keygen', ['-lf', `${file}.pub`]);
    const fpPriv = await run('ssh-keygen', ['-lf', file]);
    assert.equal(fpPub.code, 0, fpPub.stderr);
    const [bits, fingerprint] = fpPub.stdout.split(' ');
    assert.equal(bits, c.bits);
    assert.equal(fpPriv.stdout.split(' ')[1], fingerprint);
    assert.match(
      transcript.join('\n'),
      new RegExp(fingerprint.replace(/[+/]/g, '\\$&')),
      'our fingerprint is the one ssh-keygen prints',
    );

    assert.equal(line, `restrict,command="${FORCED}",from="127.0.0.1" ${pub.trim()}`);
    sshd.writeAuthorizedKeys(`${line}\n`);
    const r = await sshd.ssh(file, ['sync:archive:debian', 'sync:all']);
    assert.equal(r.code, 0, r.stderr + sshd.log.slice(-2000));
    assert.equal(r.stdout.trim(), 'forced:sync:archive:debian sync:all');
    const other = await sshd.ssh(file, ['cat', '/etc/passwd']);
    assert.equal(other.stdout.trim(), 'forced:cat /etc/passwd', 'the client command only reaches SSH_ORIGINAL_COMMAND');
    const forward = await sshd.ssh(file, [], { extra: ['-N', '-W', '127.0.0.1:22'] });
    assert.notEqual(forward.code, 0, 'restrict refuses -W forwarding');
  });
}

test('from= is enforced: the same line with another upstream address is refused', async () => {
  const file = path.join(dir, 'pushmirror-from');
  const key = await createKeyFiles({ type: 'ed25519', file, command: FORCED, from: '192.0.2.1', comment: 'from test' });
  privateKeys.push(fs.readFileSync(file, 'utf8'));
  sshd.writeAuthorizedKeys(`${key.authorizedKeysLine}\n`);
  const r = await sshd.ssh(file, ['sync:all']);
  assert.equal(r.code, 255);
  assert.match(r.stderr, /Permission denied \(publickey\)/);
});

test('a passphrase-protected key opens with that passphrase only (bcrypt KDF, as ssh-keygen writes)', async () => {
  const file = path.join(dir, 'pushmirror-pass');
  const passphrase = `pp-${Date.now()}`;
  await createKeyFiles(
    { type: 'ed25519', file, command: 'true', comment: 'pass', passphrase },
    { info: (m) => transcript.push(m) },
  );
  privateKeys.push(fs.readFileSync(file, 'utf8'));
  const good = await run('ssh-keygen', ['-y', '-P', passphrase, '-f', file]);
  assert.equal(good.code, 0, good.stderr);
  assert.equal(good.stdout, fs.readFileSync(`${file}.pub`, 'utf8'));
  const bad = await run('ssh-keygen', ['-y', '-P', 'wrong', '-f', file]);
  assert.notEqual(bad.code, 0);
  assert.ok(!transcript.join('\n').includes(passphrase));
});

test('an existing key file is left untouched (the seed: "don\'t overwrite your original ssh key")', async () => {
  const original = path.join(dir, 'id_ed25519');
  const made = await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'original', '-f', original]);
  assert.equal(made.code, 0, made.stderr);
  privateKeys.push(fs.readFileSync(original, 'utf8'));
  const before = [fs.readFileSync(original), fs.readFileSync(`${original}.pub`), fs.statSync(original).mtimeMs];
  const io = capture();
  assert.equal(await main(['keygen', '--file', original, '--command', 'x'], io), 1);
  assert.deepEqual(
    [fs.readFileSync(original), fs.readFileSync(`${original}.pub`), fs.statSync(original).mtimeMs],
    before,
  );
  assert.equal(io.out.length, 0);
});

test('no private key material in any output', () => {
  const all = transcript.join('\n');
  assert.ok(!/PRIVATE KEY/.test(all));
  for (const key of privateKeys) {
    // The OpenSSH file also holds the public key, so check the private part alone: ssh2 re-encodes it as PEM.
    const parsed = utils.parseKey(key);
    if (parsed instanceof Error) continue; // the passphrase-protected one: its private part is ciphertext
    for (const body of parsed
      .getPrivatePEM()
      .split('\n')
      .filter((l) => l.length >= 40 && !l.startsWith('-----')))
      assert.ok(!all.includes(body));
  }
});
