import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntheticKeys } from './real-world-keys';
import { applyEdits, BLOB, check, codes, KEY } from './support';

// Lines as they arrive from copy and paste, each checked against sshd 9.2 (see the real-world fixtures
// and test/integration/authkeys/): one precise error, and a fix where the right edit is known.

test('a key type joined to the options by a comma: one error, the fix puts the space back', () => {
  const text = `command="~/bin/ftpsync",no-pty,restrict,${KEY}\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/unknown-option'],
  );
  assert.match(found[0].message, /joined to the options by a comma/);
  const fixed = applyEdits(text, found[0].fixes![0].edits);
  assert.equal(fixed, `command="~/bin/ftpsync",no-pty,restrict ${KEY}\n`);
  assert.deepEqual(codes(fixed), ['authkeys/trigger-without-from']);
  // A comma inside a quoted value is not the end of the options.
  assert.deepEqual(codes(`command="echo a,ssh-ed25519" ${KEY}\n`), [
    'authkeys/trigger-not-restricted',
    'authkeys/trigger-without-from',
  ]);
});

test('a value in typographic quotes: one error, even with a space inside; the fix straightens the quotes', () => {
  const text = `no-pty,command=\u201c~/bin/ftpsync sync:all\u201d,no-port-forwarding ${KEY}\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/unquoted-value'],
  );
  assert.match(found[0].message, /typographic quotes/);
  const fixed = applyEdits(text, found[0].fixes![0].edits);
  assert.equal(fixed, `no-pty,command="~/bin/ftpsync sync:all",no-port-forwarding ${KEY}\n`);
  assert.ok(!check(fixed).some((p) => p.severity === 'error'));
  // Without a closing typographic quote there is no safe edit: no "Quote the value" around the “.
  const open = check(`command=\u201cecho ${KEY}\n`).find((p) => p.code === 'authkeys/unquoted-value')!;
  assert.equal(open.fixes, undefined);
});

test('a byte order mark breaks the first key only; before a comment it is harmless', () => {
  const text = `\ufeffrestrict,command="x" ${KEY}\n${KEY}\n`;
  const found = check(text);
  assert.deepEqual(
    found.filter((p) => p.severity === 'error').map((p) => [p.code, p.start, p.end]),
    [['authkeys/byte-order-mark', 0, 1]],
  );
  assert.equal(applyEdits(text, found[0].fixes![0].edits), text.slice(1));
  assert.ok(!check(`\ufeff# keys\n${KEY}\n`).some((p) => p.severity === 'error'));
});

test('an RFC 4716 key is one error with a fix that writes the OpenSSH line', () => {
  const wrapped = BLOB.match(/.{1,40}/g)!.join('\n');
  const text = `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rsa-key-20200101 \\\nupstream"\n${wrapped}\n---- END SSH2 PUBLIC KEY ----\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/not-openssh-key'],
  );
  assert.equal(found[0].end, text.length - 1);
  const fixed = applyEdits(text, found[0].fixes![0].edits);
  assert.equal(fixed, `ssh-ed25519 ${BLOB} rsa-key-20200101 upstream\n`);
  assert.deepEqual(codes(fixed), ['authkeys/full-shell-key']);
});

test('PEM public and private keys, and PuTTY key files, are reported once per block', () => {
  const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
  assert.deepEqual(codes(pem), ['authkeys/not-openssh-key']);
  assert.match(check(pem)[0].message, /ssh-keygen -i -m PKCS8/);
  const priv =
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
  assert.match(check(priv)[0].message, /private key .* must not be here/);
  assert.equal(check(priv).length, 1);
  const ppk =
    'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 2\nAAAA\nBBBB\nPrivate-Lines: 1\nCCCC\nPrivate-MAC: 00\n';
  assert.deepEqual(codes(`${ppk}${KEY}\n`), ['authkeys/not-openssh-key', 'authkeys/full-shell-key']);
});

test('a key wrapped in its base64: one error on the first part, the fix joins it', () => {
  const text = `restrict,command="x" ssh-ed25519 ${BLOB.slice(0, 30)}\n${BLOB.slice(30)} upstream\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/corrupt-key'],
  );
  assert.match(found[0].message, /continues on the next line/);
  assert.equal(applyEdits(text, found[0].fixes![0].edits), `restrict,command="x" ssh-ed25519 ${BLOB} upstream\n`);
});

test('options wrapped away from their key: missing-key says the key line stands alone, and offers to join', () => {
  const text = `command="~/bin/ftpsync",\nno-pty,no-port-forwarding\n${KEY}\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/missing-key', 'authkeys/missing-key', 'authkeys/full-shell-key'],
  );
  assert.match(found[1].message, /a key on the next line gets none of these options/);
  const once = applyEdits(text, found[0].fixes![0].edits);
  const twice = applyEdits(once, check(once)[0].fixes![0].edits);
  assert.equal(twice, `command="~/bin/ftpsync",no-pty,no-port-forwarding ${KEY}\n`);
});

test('a certificate as the key of a line is an error, gets no advice and shadows nothing', () => {
  const { CERT, CA } = syntheticKeys();
  const cert = `${CERT.type} ${CERT.blob} heidi`;
  assert.deepEqual(codes(`${cert}\n`), ['authkeys/certificate-as-key']);
  assert.deepEqual(codes(`${cert}\n${cert}\n`), ['authkeys/certificate-as-key', 'authkeys/certificate-as-key']);
  // The CA's own key with cert-authority is the way to trust certificates.
  assert.deepEqual(codes(`cert-authority,principals="mirror" ${CA.type} ${CA.blob}\n`), ['authkeys/full-shell-key']);
});

test('a note written without #: one error, the fix makes it a comment', () => {
  const text = `we don't need these keys any more - ask ops@example.org\n${KEY}\n`;
  const found = check(text);
  assert.deepEqual(
    found.map((p) => p.code),
    ['authkeys/missing-key', 'authkeys/full-shell-key'],
  );
  assert.match(found[0].message, /Not a key line/);
  assert.equal(applyEdits(text, found[0].fixes![0].edits), `# ${text}`);
  // An option alone, or a wrongly cased key type, is still read as what it tries to be.
  assert.deepEqual(codes('no-pty\n'), ['authkeys/missing-key']);
  assert.doesNotMatch(check('no-pty\n')[0].message, /Not a key line/);
  assert.deepEqual(codes(`SSH-ED25519 ${BLOB}\n`), ['authkeys/unknown-key-type']);
});
