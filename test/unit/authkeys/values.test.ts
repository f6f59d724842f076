import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase64, decodeKey } from '../../../server/src/core/authkeys/keyblob';
import {
  checkFrom,
  checkPermit,
  checkTunnel,
  parseAddress,
  parseExpiry,
  strtonum,
} from '../../../server/src/core/authkeys/values';
import { BLOB, codes, KEY } from './support';

// Option values as sshd 9.2's C functions read them. Each accepted/refused pair was observed with the
// real sshd (test/integration/authkeys/differential.test.ts has the login cases).

test('strtonum: leading white space and a sign, base 10, the whole string', () => {
  assert.equal(strtonum(' 22', 0, 65535), 22);
  assert.equal(strtonum('+22', 0, 65535), 22);
  assert.equal(strtonum('022', 0, 65535), 22);
  assert.equal(strtonum('-0', 0, 65535), 0);
  for (const bad of ['0x16', '22 ', '', ' ', '65536', '-1', '2e3'])
    assert.equal(strtonum(bad, 0, 65535), undefined, bad);
});

test('permitopen/permitlisten ports: numbers 1–65535, `*`, or Debian /etc/services names (case-sensitive)', () => {
  for (const ok of [
    'localhost:www',
    'localhost:rsync',
    'localhost:domain',
    'localhost:http-alt',
    'localhost: 22',
    'localhost:+22',
    'localhost:022',
    ':22',
    'h/22',
    '*:*',
    '[::1]:22000',
    '[2001:db8::10]:22',
  ]) {
    assert.equal(checkPermit(ok, false), undefined, ok);
  }
  for (const ok of ['*', '4445', 'localhost:8080', '[::1]:22000']) assert.equal(checkPermit(ok, true), undefined, ok);
  const bad: [string, boolean, RegExp][] = [
    ['localhost:WWW', false, /case-sensitive: `www`/],
    ['localhost:0x16', false, /not a port number/],
    ['localhost:65536', false, /out of range/],
    ['localhost:-1', false, /out of range/],
    ['localhost:', false, /no port after/],
    ['localhost', false, /no port/],
    ['[::1]', false, /no port/],
    ['[::1]x:22', false, /invalid permission hostname/],
    ['2001:db8::1:873', false, /must be in brackets \(`\[2001:db8::1\]:873`\)/],
    ['0', true, /out of range/],
    ['host/22', true, /not a port number/],
    [`${'h'.repeat(1025)}:22`, false, /too long/],
  ];
  for (const [value, listen, message] of bad)
    assert.match(checkPermit(value, listen)?.message ?? 'accepted', message, value);
});

test('tunnel: `any` or strtonum 0–2147483645', () => {
  for (const ok of ['any', 'ANY', '0', ' 1', '+1', '01', '2147483645']) assert.equal(checkTunnel(ok), undefined, ok);
  for (const bad of ['', 'x', '-1', '2147483646', 'tun0']) assert.ok(checkTunnel(bad), bad);
});

test('from: IPv4 as inet_aton reads it (short forms, hex, octal), so short networks have host bits set', () => {
  assert.deepEqual([...parseAddress('127.1')!], [127, 0, 0, 1]);
  assert.deepEqual([...parseAddress('10')!], [0, 0, 0, 10]);
  assert.deepEqual([...parseAddress('192.0.2')!], [192, 0, 0, 2]);
  assert.deepEqual([...parseAddress('0x7f.0.0.1')!], [127, 0, 0, 1]);
  assert.deepEqual([...parseAddress('2130706433')!], [127, 0, 0, 1]);
  assert.deepEqual([...parseAddress('010.0.0.1')!], [8, 0, 0, 1]);
  for (const pattern of ['08.0.0.1', '1.2.3.4.5', '256.1.1.1', '1..2', '127.0.0.1 ', '*.example.org', 'fe80::1%eth0'])
    assert.equal(parseAddress(pattern), undefined, pattern);
  assert.match(checkFrom('10/8')!.message, /reads `10` as the address 0\.0\.0\.10.*write `10\.0\.0\.0\/8`/);
  assert.match(checkFrom('192.0.2/24')!.message, /write `192\.0\.2\.0\/24`/);
  assert.match(checkFrom('192.0.2.7/24')!.message, /write `192\.0\.2\.0\/24`/);
  assert.match(checkFrom('2001:db8::1/32')!.message, /write `2001:db8::\/32`/);
  assert.ok(checkFrom('127.0.0.1/33'));
  assert.ok(checkFrom('127.0.0.1,!'));
  // Masks sshd cannot read make the element a pattern, not an error.
  for (const ok of [
    '127.0.0.0/08',
    '127.0.0.1/0x8',
    '2001:db8::/129',
    '127.1',
    '0x7f.0.0.1',
    '::ffff:127.0.0.1',
    'not a pattern!!',
  ])
    assert.equal(checkFrom(ok), undefined, ok);
});

test('a from word that is an address in C notation is not a host name', () => {
  assert.ok(!codes(`from="0x7f.0.0.1,127.1" ${KEY}\n`).includes('authkeys/from-hostname'));
  assert.ok(codes(`from="upstream.example.org" ${KEY}\n`).includes('authkeys/from-hostname'));
});

test('expiry-time: glibc strptime on sshd fixed-width slices', () => {
  const utc = () => 0;
  const at = (v: string) => {
    const t = parseExpiry(v, utc);
    return t === undefined ? undefined : new Date(t).toISOString();
  };
  assert.equal(at('20991231'), '2099-12-31T00:00:00.000Z');
  assert.equal(at('2099 1 1'), '2099-01-01T00:00:00.000Z'); // each number skips blanks
  assert.equal(at('20990229'), '2099-03-01T00:00:00.000Z'); // mktime rolls the day over
  assert.equal(at('20991231235961'), '2100-01-01T00:00:01.000Z'); // %S goes to 61
  assert.equal(at('20991231z'), '2099-12-31T00:00:00.000Z');
  assert.equal(at('209912312359UTC'), '2099-12-31T23:59:00.000Z');
  assert.equal(at('19700101000001Z'), '1970-01-01T00:00:01.000Z');
  for (const bad of [
    '19700101000000Z',
    '00990101',
    ' 2991231',
    '20991232',
    '20991301',
    '2099123',
    '2099-12-31',
    '20991231 ',
    'tomorrow',
  ])
    assert.equal(at(bad), undefined, bad);
});

test('base64 as b64_pton reads it: lost padding, extra padding and stray bits are refused; white space is skipped', () => {
  assert.equal(Buffer.from(decodeBase64('QUI=')!).toString(), 'AB');
  assert.equal(Buffer.from(decodeBase64('QQ==')!).toString(), 'A');
  assert.equal(Buffer.from(decodeBase64('Q\rQ==\r')!).toString(), 'A');
  for (const bad of ['QUI', 'QQ', 'QQ=', 'QUI==', 'QUJD=', 'QR==', 'Q'])
    assert.equal(decodeBase64(bad), undefined, bad);
  assert.equal(decodeKey(BLOB.slice(0, -1)).ok, false);
  // An ed25519 blob has no padding; a 1024-bit RSA or a P-384 blob ends in `==`.
  const r = decodeKey(
    Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from('ssh-rsa'), Buffer.from([0, 0, 0, 1, 3])])
      .toString('base64')
      .replace(/=+$/, ''),
  );
  assert.match(r.ok ? '' : r.reason, /padding is missing/);
});

test('expiry-time without Z is local standard time: sshd gives mktime tm_isdst = 0', () => {
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'Europe/Berlin';
    assert.equal(new Date(parseExpiry('209907011200')!).toISOString(), '2099-07-01T11:00:00.000Z'); // CEST wall clock would be 10:00
    assert.equal(new Date(parseExpiry('209901011200')!).toISOString(), '2099-01-01T11:00:00.000Z');
    process.env.TZ = 'Australia/Sydney';
    assert.equal(new Date(parseExpiry('209901011200')!).toISOString(), '2099-01-01T02:00:00.000Z'); // AEST, not AEDT
    assert.equal(new Date(parseExpiry('209901011200Z')!).toISOString(), '2099-01-01T12:00:00.000Z');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});
