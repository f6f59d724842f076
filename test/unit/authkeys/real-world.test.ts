import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import { expandFixture, readFixture, realWorldFixtures, syntheticKeys } from './real-world-keys';

// Real-world authorized_keys files (test/fixtures/authkeys/real-world/, sources in SOURCES.md), with
// the exact `line code` list we report for each. Every line's fate was checked against sshd 9.2 by
// test/integration/authkeys/real-world.test.ts: an error only where sshd refuses the line, and
// every refusal explained. `now` is fixed, so the `expiry-time` of 2025 has passed.

const NOW = Date.UTC(2026, 10, 23);

const EXPECTED: Record<string, string[]> = {
  'backup-and-deploy.authorized_keys': [
    '2 authkeys/trigger-without-from',
    '4 authkeys/trigger-without-from',
    '6 authkeys/trigger-user-rc',
    '6 authkeys/trigger-without-from',
    '8 authkeys/trigger-without-from',
    '8 authkeys/trigger-user-rc',
    '10 authkeys/trigger-without-from',
    '12 authkeys/unknown-option',
  ],
  'bom.authorized_keys': ['1 authkeys/byte-order-mark', '2 authkeys/full-shell-key'],
  'cloud-and-tunnels.authorized_keys': [
    '2 authkeys/trigger-not-restricted',
    '2 authkeys/trigger-without-from',
    '4 authkeys/trigger-not-restricted',
    '4 authkeys/trigger-without-from',
    '6 authkeys/trigger-without-from',
    '6 authkeys/trigger-not-restricted',
    '8 authkeys/invalid-permit',
    '10 authkeys/full-shell-key',
  ],
  'debian-push-mirror.authorized_keys': [
    '3 authkeys/trigger-user-rc',
    '5 authkeys/trigger-without-from',
    '5 authkeys/trigger-user-rc',
    '7 authkeys/trigger-user-rc',
    '7 authkeys/trigger-without-from',
    '9 authkeys/trigger-without-from',
    '9 authkeys/trigger-user-rc',
  ],
  'expiry-and-environment.authorized_keys': [
    '1 authkeys/key-expired',
    '1 authkeys/trigger-without-from',
    '2 authkeys/full-shell-key',
    '4 authkeys/invalid-expiry-time',
    '5 authkeys/environment-ignored',
    '5 authkeys/environment-ignored',
    '5 authkeys/full-shell-key',
    '6 authkeys/trigger-without-from',
  ],
  'forges.authorized_keys': [
    '2 authkeys/trigger-without-from',
    '2 authkeys/trigger-user-rc',
    '3 authkeys/trigger-without-from',
    '3 authkeys/trigger-user-rc',
    '6 authkeys/trigger-without-from',
    '8 authkeys/trigger-without-from',
    '9 authkeys/trigger-without-from',
    '9 authkeys/trigger-user-rc',
  ],
  'forwarding.authorized_keys': [
    '1 authkeys/trigger-without-from',
    '2 authkeys/full-shell-key',
    '3 authkeys/trigger-without-from',
    '3 authkeys/trigger-not-restricted',
    '4 authkeys/full-shell-key',
    '5 authkeys/full-shell-key',
    '6 authkeys/invalid-permit',
  ],
  'from-patterns.authorized_keys': [
    '2 authkeys/full-shell-key',
    '4 authkeys/from-hostname',
    '4 authkeys/from-hostname',
    '4 authkeys/full-shell-key',
    '8 authkeys/full-shell-key',
    '10 authkeys/invalid-from',
    '12 authkeys/invalid-from',
    '14 authkeys/from-hostname',
    '16 authkeys/list-entry-never-matches',
  ],
  'key-types.authorized_keys': [
    '2 authkeys/full-shell-key',
    '3 authkeys/full-shell-key',
    '4 authkeys/full-shell-key',
    '5 authkeys/full-shell-key',
    '6 authkeys/full-shell-key',
    '7 authkeys/full-shell-key',
    '8 authkeys/full-shell-key',
    '8 authkeys/weak-rsa-key',
    '9 authkeys/dsa-key',
    '9 authkeys/full-shell-key',
    '10 authkeys/full-shell-key',
    '11 authkeys/full-shell-key',
    '13 authkeys/certificate-as-key',
    '15 authkeys/full-shell-key',
  ],
  'pasted-wrong.authorized_keys': [
    '2 authkeys/missing-key',
    '3 authkeys/missing-key',
    '4 authkeys/full-shell-key',
    '6 authkeys/corrupt-key',
    '9 authkeys/not-openssh-key',
    '14 authkeys/not-openssh-key',
    '18 authkeys/corrupt-key',
    '20 authkeys/trigger-without-from',
    '21 authkeys/full-shell-key',
    '21 authkeys/duplicate-key',
    '23 authkeys/missing-key',
  ],
  'quoted-commands.authorized_keys': [
    '2 authkeys/trigger-not-restricted',
    '3 authkeys/trigger-without-from',
    '4 authkeys/trigger-without-from',
    '5 authkeys/trigger-without-from',
    '6 authkeys/trigger-without-from',
    '7 authkeys/unterminated-quote',
  ],
  'sshd-manpage-examples.authorized_keys': [
    '3 authkeys/full-shell-key',
    '5 authkeys/trigger-without-from',
    '7 authkeys/full-shell-key',
    '9 authkeys/full-shell-key',
    '11 authkeys/trigger-not-restricted',
    '11 authkeys/trigger-without-from',
    '13 authkeys/trigger-without-from',
    '15 authkeys/full-shell-key',
    '17 authkeys/full-shell-key',
    '19 authkeys/full-shell-key',
    '22 authkeys/from-hostname',
    '22 authkeys/from-hostname',
    '22 authkeys/full-shell-key',
    '23 authkeys/trigger-without-from',
    '23 authkeys/trigger-not-restricted',
    '23 authkeys/dsa-key',
  ],
  'windows-crlf.authorized_keys': [
    '3 authkeys/full-shell-key',
    '4 authkeys/full-shell-key',
    '5 authkeys/trigger-not-restricted',
    '5 authkeys/trigger-without-from',
    '6 authkeys/space-in-options',
    '7 authkeys/unquoted-value',
    '8 authkeys/unquoted-value',
    '9 authkeys/full-shell-key',
  ],
};

test('every real-world fixture has its verified list, and nothing else is reported', () => {
  const keys = syntheticKeys();
  assert.deepEqual(realWorldFixtures(), Object.keys(EXPECTED).sort());
  for (const fixture of realWorldFixtures()) {
    const text = expandFixture(readFixture(fixture), keys);
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const got = authorizedKeysService.validate(text, { now: NOW }).map((p) => `${lineOf(p.start)} ${p.code}`);
    assert.deepEqual(got, EXPECTED[fixture], fixture);
  }
});

test('the fixtures hold at least 40 key lines, and no key material', () => {
  let keyLines = 0;
  for (const fixture of realWorldFixtures()) {
    const raw = readFixture(fixture);
    keyLines += raw.split('\n').filter((l) => /@[A-Z0-9]+(:\w+)?@/.test(l)).length;
    assert.doesNotMatch(raw, /AAAA[A-Za-z0-9+/]{60}/, `${fixture} holds a real key; use a placeholder`);
  }
  assert.ok(keyLines >= 40, `${keyLines} key lines`);
});
