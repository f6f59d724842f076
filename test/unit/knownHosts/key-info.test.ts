import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fingerprintLine, keyBits } from '../../../src/engine/knownHosts/keyInfo';
import { unknownHostKey } from '../../../src/engine/ssh/hostKeyPrompt';

// The line shown before a person trusts a host key must be the one `ssh-keygen -lf` prints for the
// same known_hosts line (bits included), so it can be compared with what the downstream's admin
// sees. Checked against the real ssh-keygen for every key type and size a host key comes in.

const KINDS: [string, number | undefined][] = [
  ['ed25519', undefined],
  ['ecdsa', 256],
  ['ecdsa', 384],
  ['ecdsa', 521],
  ['rsa', 2048],
  ['rsa', 3072],
  ['rsa', 4096],
];

let dir: string;
const keys: { kind: string; blob: Buffer; b64: string; type: string }[] = [];
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-keyinfo-'));
  for (const [type, bits] of KINDS) {
    const f = path.join(dir, `${type}${bits ?? ''}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-f', f]);
    const [t, b64] = fs.readFileSync(`${f}.pub`, 'utf8').split(' ');
    keys.push({ kind: `${type}${bits ?? ''}`, blob: Buffer.from(b64, 'base64'), b64, type: t });
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the prompt line equals ssh-keygen -lf on the known_hosts line, for ed25519, ecdsa 256/384/521, rsa 2048/3072/4096', () => {
  const hosts: [string, number][] = [
    ['127.0.1.2', 40022],
    ['mirror.example.org', 22],
  ];
  for (const [host, port] of hosts) {
    const file = path.join(dir, `known_hosts-${port}`);
    const name = port === 22 ? host : `[${host}]:${port}`;
    fs.writeFileSync(file, keys.map((k) => `${name} ${k.type} ${k.b64}\n`).join(''));
    const printed = execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).trimEnd().split('\n');
    assert.equal(printed.length, keys.length);
    keys.forEach((k, i) => {
      assert.equal(fingerprintLine(host, port, k.blob), printed[i], k.kind);
      const u = unknownHostKey(host, port, k.blob);
      assert.equal(u.display, printed[i]);
      assert.equal(u.bits, Number(printed[i].split(' ')[0]));
      assert.equal(u.fingerprint, printed[i].split(' ')[1]);
      assert.equal(u.keyType, k.type);
    });
  }
});

test('bits of a truncated or unknown blob are 0, never a throw', () => {
  const rsa = keys.find((k) => k.kind === 'rsa2048')!.blob;
  assert.equal(keyBits(rsa.subarray(0, 30)), 0);
  assert.equal(keyBits(Buffer.alloc(0)), 0);
  assert.equal(keyBits(Buffer.from('0000000b7373682d756e6b6e6f776e', 'hex')), 0);
});
