import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inetAton, isIP } from '../../../server/src/core/rsyncd/ip';
import { hostEntryProblem } from '../../../server/src/core/rsyncd/rules/bad-host-entry';

// `hosts allow` addresses are read by glibc's getaddrinfo (inet_aton for IPv4), masks by inet_pton or
// strtol (access.c). Daemon evidence: cases hosts-allow-short-ipv4, hosts-allow-octal-ipv4, hosts-allow-ip-wildcard.

test('inet_aton: short forms, octal parts, ranges', () => {
  assert.equal(inetAton('127.1'), '127.0.0.1');
  assert.equal(inetAton('10.1.2'), '10.1.0.2');
  assert.equal(inetAton('10'), '0.0.0.10');
  assert.equal(inetAton('127.0.0.010'), '127.0.0.8');
  assert.equal(inetAton('192.168.001.001'), '192.168.1.1');
  for (const bad of ['127.0.0.08', '256.1.1.1', '1.2.3.4.5', '192.168.1.', '1..2', '10.65536.1', ''])
    assert.equal(inetAton(bad), undefined, bad);
});

test('inet_pton is stricter: no leading zeros in a netmask', () => {
  assert.equal(isIP('255.255.255.0'), 4);
  assert.equal(isIP('255.255.000.0'), 0);
  assert.equal(isIP('2001:db8::1'), 6);
});

test('entries the daemon accepts are not reported', () => {
  for (const ok of [
    '127.1',
    '10.1/16',
    '192.0.2.1/24',
    '0.0.0.0/0',
    '127.0.0.1/+24',
    '10.0.0.0/255.255.0.0',
    '192.168.001.001',
    '*',
    '*.*.*.*',
    '*.example.org',
    'mirror.example.org',
    '@netgroup',
    'fe80::1%eth0',
    '2001:db8::/32',
    '::1',
  ]) {
    assert.equal(hostEntryProblem(ok), undefined, ok);
  }
});

test('entries that never match, or match another address than written', () => {
  assert.match(hostEntryProblem('127.0.0.08')!, /not a valid IPv4/);
  assert.match(hostEntryProblem('192.168.1.*')!, /host name, never its address/);
  assert.match(hostEntryProblem('10.*')!, /host name/);
  assert.match(hostEntryProblem('[2001:db8::1]')!, /not a valid IPv6/);
  assert.match(hostEntryProblem('127.0.0.1/-1')!, /negative/);
  assert.match(hostEntryProblem('10.0.0.0/255.255.000.0')!, /malformed mask/);
  assert.match(hostEntryProblem('127.0.0.010')!, /as 127\.0\.0\.8, not 127\.0\.0\.10/);
  assert.match(hostEntryProblem('localhost/8')!, /not a host name/);
});

test('host names when the daemon never learns the client name (reverse lookup off)', async () => {
  const { rsyncdService } = await import('../../../server/src/core/rsyncd/service');
  const codes = (text: string) => rsyncdService.validate(text, {}).map((p) => p.code.replace('rsyncd/', ''));
  const base = 'reverse lookup = no\n[m]\npath = /x\n';
  assert.deepEqual(codes(base + 'hosts allow = *.example.org\n'), ['bad-host-entry']);
  assert.deepEqual(codes(base + 'hosts allow = @mirrors\n'), ['bad-host-entry']);
  // A plain name still matches through forward lookup; `*` matches "UNDETERMINED" too; addresses are addresses.
  assert.deepEqual(codes(base + 'hosts allow = mirror.example.org * 192.0.2.0/24 2001:db8::1\n'), []);
  assert.deepEqual(codes(base + 'forward lookup = no\nhosts allow = mirror.example.org\n'), ['bad-host-entry']);
  // The module's own `reverse lookup = yes` brings the name back; a global one set later wins for all.
  assert.deepEqual(codes(base + 'reverse lookup = yes\nhosts allow = *.example.org\n'), []);
  assert.deepEqual(codes(base + 'hosts allow = *.example.org\n[global]\nreverse lookup = yes\n'), []);
  // A global `hosts deny` shared by two modules is reported once.
  assert.deepEqual(codes('reverse lookup = no\nhosts deny = *.bad.example\n[a]\npath = /x\n[b]\npath = /y\n'), [
    'bad-host-entry',
  ]);
});
