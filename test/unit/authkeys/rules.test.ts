import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import { applyEdits, BLOB, check, codes, errors, KEY, OTHER } from './support';

const DEBIAN = 'no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &"';

test('the recommended trigger line is clean', () => {
  assert.deepEqual(codes(`restrict,command="~/bin/ftpsync",from="192.0.2.10" ${KEY}\n`), []);
});

test('each thing that makes sshd skip the line is an error with its own code', () => {
  const cases: [string, string][] = [
    [`no-foo ${KEY}`, 'authkeys/unknown-option'],
    [`command=/bin/true ${KEY}`, 'authkeys/unquoted-value'],
    [`command="x ${KEY}`, 'authkeys/unterminated-quote'],
    [`command = "x" ${KEY}`, 'authkeys/space-in-options'],
    [`command="a",command="b" ${KEY}`, 'authkeys/duplicate-option'],
    [`principals="a",principals="b",cert-authority ${KEY}`, 'authkeys/duplicate-option'],
    [`environment="1 X=y" ${KEY}`, 'authkeys/invalid-environment'],
    [`expiry-time="20991231 1200" ${KEY}`, 'authkeys/invalid-expiry-time'],
    [`from="192.0.2.1/24" ${KEY}`, 'authkeys/invalid-from'],
    [`from="2001:db8::1/32" ${KEY}`, 'authkeys/invalid-from'],
    [`from="!192.0.2.1,,x" ${KEY}`, 'authkeys/invalid-from'],
    [`permitlisten="host:" ${KEY}`, 'authkeys/invalid-permit'],
    [`permitopen="host:70000" ${KEY}`, 'authkeys/invalid-permit'],
    [`tunnel="-1" ${KEY}`, 'authkeys/invalid-tunnel'],
    [`principals="a" ${KEY}`, 'authkeys/principals-without-cert-authority'],
    [`restrict`, 'authkeys/missing-key'],
    [`ssh-ed25519`, 'authkeys/missing-key'],
    [`ssh-ed25519x ${BLOB}`, 'authkeys/unknown-key-type'],
    [`ecdsa-sha2-nistp256 ${BLOB}`, 'authkeys/key-type-mismatch'],
    [`ssh-ed25519 ${BLOB.slice(0, -4)}`, 'authkeys/corrupt-key'],
    [`ssh-ed25519 ${BLOB.slice(0, 10)}!${BLOB.slice(11)}`, 'authkeys/corrupt-key'],
  ];
  for (const [text, code] of cases) {
    const found = errors(`${text}\n`);
    assert.ok(
      found.some((p) => p.code === code),
      `${text} → ${found.map((p) => p.code).join(', ') || 'nothing'}`,
    );
  }
});

test('what sshd accepts is not an error', () => {
  for (const text of [
    `NO-PTY,RESTRICT,command="" ${KEY}`,
    `,no-pty, ${KEY}`,
    `expiry-time="20991231Z",expiry-time="209912312359",expiry-time="20991231235959UTC" ${KEY}`,
    `from="192.0.2.0/24,!192.0.2.7,2001:db8::/32,*.example.org,::ffff:192.0.2.1" ${KEY}`,
    `permitopen="[2001:db8::1]:873",permitopen="localhost:*",permitlisten="8873",permitopen="h/22" ${KEY}`,
    `tunnel="any",tunnel="0" ${KEY}`,
    `cert-authority,principals="mirror,backup" ${KEY}`,
    `no-touch-required,verify-required ${KEY}`,
  ]) {
    assert.deepEqual(errors(`${text}\n`), [], text);
  }
});

test('suggestions for typos of option names', () => {
  const [p] = errors(`no-port-fowarding ${KEY}\n`);
  assert.match(p.message, /Did you mean `no-port-forwarding`\?/);
  assert.equal(p.fixes?.[0].edits[0].newText, 'no-port-forwarding');
});

test('the Debian line gets trigger-user-rc with both fixes; the restrict fix keeps command and from', () => {
  const text = `${DEBIAN},from="192.0.2.10" ${KEY}\n`;
  const p = check(text).find((x) => x.code === 'authkeys/trigger-user-rc')!;
  assert.equal(p.severity, 'warning');
  assert.deepEqual(
    p.fixes!.map((f) => f.title),
    ['Restrict to the sync command', 'Add `no-user-rc`'],
  );
  const fixed = applyEdits(text, p.fixes![0].edits);
  assert.equal(fixed, `restrict,command="~/websync &",from="192.0.2.10" ${KEY}\n`);
  assert.deepEqual(codes(fixed), []);
  assert.deepEqual(codes(applyEdits(text, p.fixes![1].edits)), []);
});

test('command= alone: not restricted and no from; the fix yields the recommended line', () => {
  const text = `command="~/bin/ftpsync",environment="A=1" ${KEY}\n`;
  const found = check(text);
  const codesFound = found.map((p) => p.code);
  assert.ok(codesFound.includes('authkeys/trigger-not-restricted'));
  assert.ok(codesFound.includes('authkeys/trigger-without-from'));
  const fix = found.find((p) => p.code === 'authkeys/trigger-not-restricted')!.fixes![0];
  assert.equal(applyEdits(text, fix.edits), `restrict,command="~/bin/ftpsync",environment="A=1" ${KEY}\n`);
});

test('warnings and information', () => {
  const now = Date.UTC(2025, 0, 1);
  assert.ok(codes(`expiry-time="20200101Z" ${KEY}\n`, { now }).includes('authkeys/key-expired'));
  assert.ok(!codes(`expiry-time="20300101Z" ${KEY}\n`, { now }).includes('authkeys/key-expired'));
  assert.ok(codes(`from="localhost" ${KEY}\n`).includes('authkeys/from-hostname'));
  assert.ok(codes(`environment="A=1" ${KEY}\n`).includes('authkeys/environment-ignored'));
  assert.ok(codes(`pty,restrict ${KEY}\n`).includes('authkeys/restrict-not-first'));
  assert.ok(codes(`verify-required ${KEY}\n`).includes('authkeys/fido-option-no-effect'));
  assert.ok(codes(`${KEY}\n`).includes('authkeys/full-shell-key'));
  assert.ok(codes(`${KEY}\nrestrict,command="x" ${KEY}\n`).includes('authkeys/duplicate-key'));
  const repeated = codes(`from="192.0.2.1",command="a" ${KEY}\nrestrict,command="x" ${KEY}\n${OTHER}\n`);
  assert.ok(repeated.includes('authkeys/repeated-key') && !repeated.includes('authkeys/duplicate-key'));
});

test('a line sshd skips gets its error only, no advice', () => {
  assert.deepEqual(codes(`command="x",no-foo ${KEY}\n`), ['authkeys/unknown-option']);
});

test('every rule has docs, and levels apply', () => {
  for (const r of authorizedKeysService.rules) assert.ok(r.code.startsWith('authkeys/') && r.docs.length > 40, r.code);
  assert.deepEqual(
    authorizedKeysService.validate(`${KEY}\n`, {}, { levels: { 'authkeys/full-shell-key': 'off' } }),
    [],
  );
});

test('list entries sshd can never match: a space after a comma, principals after an empty entry, no principals', () => {
  const spaced = `from="192.0.2.1, 192.0.2.2" ${KEY}\n`;
  const [p] = check(spaced).filter((x) => x.code === 'authkeys/list-entry-never-matches');
  assert.equal(spaced.slice(p.start, p.end), ' 192.0.2.2');
  assert.equal(p.severity, 'warning');
  assert.equal(applyEdits(spaced, p.fixes![0].edits), `from="192.0.2.1,192.0.2.2" ${KEY}\n`);
  assert.match(
    check(`from="!\t192.0.2.9,192.0.2.0/24" ${KEY}\n`).find((x) => x.code === 'authkeys/list-entry-never-matches')!
      .message,
    /never excludes/,
  );
  assert.ok(codes(`cert-authority,principals="mirror, backup" ${KEY}\n`).includes('authkeys/list-entry-never-matches'));
  const empty = `cert-authority,principals="a,,b" ${KEY}\n`;
  const e = check(empty).find((x) => x.code === 'authkeys/list-entry-never-matches')!;
  assert.equal(applyEdits(empty, e.fixes![0].edits), `cert-authority,principals="a,b" ${KEY}\n`);
  assert.ok(codes(`cert-authority,principals="" ${KEY}\n`).includes('authkeys/list-entry-never-matches'));
  // Many principals are fine (no limit since the CVE-2026-35414 fix), and so are spaces inside a command.
  assert.ok(
    !codes(`cert-authority,principals="${Array.from({ length: 60 }, (_, i) => `p${i}`).join(',')}" ${KEY}\n`).includes(
      'authkeys/list-entry-never-matches',
    ),
  );
  assert.ok(
    !codes(`restrict,command="a b, c",from="192.0.2.1" ${KEY}\n`).includes('authkeys/list-entry-never-matches'),
  );
});

test('trigger-not-restricted: permissions switched back on by their own option after restrict are intended', () => {
  // sshd(8)'s own example, and a tunnel key limited with permitopen.
  assert.ok(!codes(`restrict,pty,command="nethack" ${KEY}\n`).includes('authkeys/trigger-not-restricted'));
  assert.ok(
    !codes(`restrict,port-forwarding,permitopen="*:443",command="/usr/sbin/nologin" ${KEY}\n`).includes(
      'authkeys/trigger-not-restricted',
    ),
  );
  // Defaults left open are still reported, and a flag before restrict is cancelled by it.
  const [p] = check(`no-pty,command="x" ${KEY}\n`).filter((x) => x.code === 'authkeys/trigger-not-restricted');
  assert.match(p.message, /port forwarding \(-L\/-R\/-W\), agent forwarding, X11 forwarding and ~\/\.ssh\/rc/);
  assert.ok(!codes(`pty,restrict,command="x" ${KEY}\n`).includes('authkeys/trigger-not-restricted'));
  assert.ok(
    codes(`restrict,pty,no-pty,pty,agent-forwarding,command="x" ${KEY}\n`).every(
      (c) => c !== 'authkeys/trigger-not-restricted',
    ),
  );
  assert.ok(
    codes(`no-agent-forwarding,no-X11-forwarding,no-pty,port-forwarding,command="x" ${KEY}\n`).includes(
      'authkeys/trigger-user-rc',
    ),
  );
});
