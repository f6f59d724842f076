import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import { keygenLine } from '../../../server/src/core/authkeys/keyblob';
import { parseAuthorizedKeys } from '../../../server/src/core/authkeys/parser';
import { keygenComment } from '../../../server/src/core/authkeys/features';
import { run } from '../../support/process';
import { generateKey } from '../../support/sshd';

// Our fingerprints, sizes and type labels against `ssh-keygen -lf` on the same authorized_keys file.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-fp-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('fingerprint, bits and type equal ssh-keygen -lf for ed25519, ecdsa, rsa keys and a certificate', async () => {
  const specs: [string, string, number?][] = [
    ['ed', 'ed25519'],
    ['ec256', 'ecdsa', 256],
    ['ec384', 'ecdsa', 384],
    ['ec521', 'ecdsa', 521],
    ['rsa2048', 'rsa', 2048],
    ['rsa3072', 'rsa', 3072],
    ['rsa1024', 'rsa', 1024],
  ];
  const keys = await Promise.all(specs.map(([name, type, bits]) => generateKey(dir, name, type, bits)));
  const sign = await run('ssh-keygen', ['-q', '-s', keys[0].privateKey, '-I', 'id', '-n', 'mirror', keys[4].publicKey]);
  assert.equal(sign.code, 0, sign.stderr);
  const cert = fs.readFileSync(`${keys[4].privateKey}-cert.pub`, 'utf8').trim();
  const lines = [
    ...keys.map((k, i) => (i % 2 ? `restrict,command="echo x" ${k.line}` : k.line)),
    cert,
    `from="192.0.2.1" ${keys[0].line.split(' ').slice(0, 2).join(' ')}`,
  ];
  const file = path.join(dir, 'authorized_keys');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const keygen = await run('ssh-keygen', ['-lf', file]);
  assert.equal(keygen.code, 0, keygen.stderr);
  const doc = parseAuthorizedKeys(fs.readFileSync(file, 'utf8'));
  const ours = doc.lines.map((l) =>
    l.decoded?.ok ? keygenLine(l.decoded.key, keygenComment(l)) : `unreadable ${l.line}`,
  );
  assert.deepEqual(ours, keygen.stdout.trim().split('\n'));
  // The hover on each key shows the same line.
  const text = fs.readFileSync(file, 'utf8');
  for (const [i, l] of doc.lines.entries()) {
    const hover = authorizedKeysService.hover!(text, l.blob!.start + 1, {});
    assert.ok(hover?.markdown.includes(ours[i]), hover?.markdown);
  }
});
