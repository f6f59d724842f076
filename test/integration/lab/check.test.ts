import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../support/process';

// `npm run lab -- --check` as a person runs it: a whole lab brought up, one push, one line, torn down;
// exit 0 when the push lands, 1 with the broken link named when it does not.

const ROOT = path.resolve(__dirname, '../../..');
const lab = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', '--check', ...args], { cwd: ROOT, timeoutMs: 180_000 });

describe('npm run lab -- --check', () => {
  it('prints `propagated in N s` and exits 0, leaving nothing behind', async () => {
    const r = await lab();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^propagated in \d+\.\d s\n$/);
    assert.match(r.stderr, /lab: stopped and removed/);
  });

  const breaks: [string, RegExp][] = [
    ['forced-command', /broken link: the forced command in the downstream's authorized_keys: .*exit 127/],
    ['rsync-auth', /broken link: rsync from the upstream daemon .*: stage 1 rsync failed \(exit 3\)/],
    ['ssh-key', /broken link: the ssh signal to pmtest@127\.0\.0\.1:\d+: .*public key refused/],
    [
      'trace-url',
      /broken link: the trace URL \(http:\/\/127\.0\.0\.1:\d+\/good\/project\/trace\/mirror\.example\.org.*did not change/,
    ],
  ];
  for (const [link, expected] of breaks)
    it(`--break ${link}: exits 1 and names it`, async () => {
      const r = await lab('--break', link, '--wait', '8');
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, expected);
      assert.match(r.stdout, /^push did not land: /);
      assert.match(r.stderr, /lab: stopped and removed/);
    });
});
