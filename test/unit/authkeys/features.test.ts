import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizedKeysService as s } from '../../../server/src/core/authkeys/service';
import { formatTriggerLine, quoteOptionValue } from '../../../server/src/core/authkeys/trigger';
import { KEY } from './support';

test('hover on an option explains it; on the key it shows the ssh-keygen line and the effective rights', () => {
  const text = `no-pty,command="~/bin/ftpsync" ${KEY}\n`;
  assert.match(s.hover!(text, 2, {})!.markdown, /^\*\*no-pty\*\*/);
  assert.match(
    s.hover!(text, 10, {})!.markdown,
    /SSH_ORIGINAL_COMMAND[\s\S]*Value as sshd reads it: `~\/bin\/ftpsync`/,
  );
  const key = s.hover!(text, text.indexOf('AAAA') + 2, {})!.markdown;
  assert.match(key, /256 SHA256:[A-Za-z0-9+/]{43} upstream@example\.org \(ED25519\)/);
  assert.match(key, /Still allowed: port forwarding, agent forwarding, X11 forwarding, ~\/\.ssh\/rc/);
});

test('completion offers option names at the start and after a comma, key types after the options, nothing in quotes', () => {
  const labels = (text: string, at = text.length) => s.complete!(text, at, {}).map((e) => e.label);
  assert.ok(labels('').includes('restrict') && labels('').includes('push trigger line'));
  assert.ok(labels('restrict,co').includes('command'));
  assert.ok(labels('restrict,no-').includes('no-port-forwarding'));
  assert.ok(labels('restrict ').includes('ssh-ed25519'));
  assert.deepEqual(labels('command="~/bin/'), []);
  const cmd = s.complete!('restrict,', 9, {}).find((e) => e.label === 'command')!;
  assert.equal(cmd.snippet, true);
  assert.match(cmd.insertText!, /^command="\$\{1/);
});

test('one symbol per key, named by comment and fingerprint', () => {
  const syms = s.symbols!(`# x\nrestrict,command="a" ${KEY}\n${KEY}\n`);
  assert.equal(syms.length, 2);
  assert.match(syms[0].name, /^upstream@example\.org SHA256:/);
  assert.match(syms[0].detail!, /command="a"/);
  assert.match(syms[1].detail!, /full shell/);
});

test('formatTriggerLine writes the recommended line and quotes values as sshd reads them', () => {
  assert.equal(
    formatTriggerLine({ command: '~/bin/ftpsync', from: '192.0.2.10', keyLine: `${KEY}\n` }),
    `restrict,command="~/bin/ftpsync",from="192.0.2.10" ${KEY}`,
  );
  assert.equal(
    formatTriggerLine({ command: 'echo "hi"', keyLine: `no-pty ${KEY}` }),
    `restrict,command="echo \\"hi\\"" ${KEY}`,
  );
  assert.deepEqual(s.validate(`${formatTriggerLine({ command: 'a', from: '192.0.2.1', keyLine: KEY })}\n`, {}), []);
  assert.throws(() => quoteOptionValue('x\\'), RangeError);
  assert.throws(() => formatTriggerLine({ command: 'x', keyLine: 'not a key' }), RangeError);
});
