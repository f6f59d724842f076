import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, KEY } from './support';

// authkeys/repeated-key listed every earlier copy of the key in each message: 8,000 copies of the seed's
// trigger line gave messages with up to 7,999 line numbers (18-24 s, 190-593 MB of JSON). One message
// now names the first copy and counts the others, and duplicate-key finds the shadowing line in one pass.

const SEED = 'no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,command="~/websync &"';

test('8,000 copies of a trigger line with from=: each repeat names line 1 and a count', () => {
  const problems = check(`from="192.0.2.10",${SEED} ${KEY}\n`.repeat(8000)).filter(
    (p) => p.code === 'authkeys/repeated-key',
  );
  assert.equal(problems.length, 7999);
  assert.equal(
    problems[0].message,
    'The same key is on line 1. sshd uses this line only when the earlier one cannot be parsed, has expired or its `from=` does not match the client.',
  );
  assert.equal(
    problems[1].message,
    'The same key is on line 1 and 1 more line before this one. sshd uses this line only when each earlier one cannot be parsed, has expired or has a `from=` that does not match the client.',
  );
  assert.equal(
    problems.at(-1)!.message,
    'The same key is on line 1 and 7998 more lines before this one. sshd uses this line only when each earlier one cannot be parsed, has expired or has a `from=` that does not match the client.',
  );
  assert.ok(problems.every((p) => p.message.length < 250));
});

test('8,000 copies of the seed trigger line (no from=): each is shadowed by line 1', () => {
  const problems = check(`${SEED} ${KEY}\n`.repeat(8000)).filter((p) => p.code === 'authkeys/duplicate-key');
  assert.equal(problems.length, 7999);
  assert.ok(problems.every((p) => p.message.startsWith('Never used: line 1 has the same key')));
});

test('a line with from= before one without: the later ones are shadowed by the first line without', () => {
  const text = `from="192.0.2.1",command="a" ${KEY}\ncommand="b" ${KEY}\nrestrict ${KEY}\n`;
  const lines = (code: string) =>
    check(text)
      .filter((p) => p.code === code)
      .map((p) => p.message.slice(0, 40));
  assert.deepEqual(lines('authkeys/repeated-key'), ['The same key is on line 1. sshd uses thi']);
  assert.deepEqual(lines('authkeys/duplicate-key'), ['Never used: line 2 has the same key with']);
});
