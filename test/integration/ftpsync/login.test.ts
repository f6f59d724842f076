import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { testUpstreamLogin } from '../../../src/engine/rsync/login';
import { upstreamTarget } from '../../../src/engine/rsync/target';
import { configFor, publish, startUpstream, type Upstream } from '../../support/ftpsync';
import { freePort } from '../../support/process';

// "Test upstream login" against the real rsync daemon on loopback: the daemon's exact answers, the
// master trace on success, a closed port, a silent peer cancelled, and the password only ever in the
// child's environment.

let upstream: Upstream;
let denied: Upstream;
before(async () => {
  upstream = await startUpstream();
  denied = await startUpstream({ extra: ['    hosts allow = 192.0.2.1'] });
});
after(async () => {
  await upstream?.dispose();
  await denied?.dispose();
});

const reading = (up: Upstream, extra: Record<string, string> = {}) =>
  upstreamTarget(configFor(up, '/srv/mirror', extra));

describe('Test upstream login', () => {
  it('reads the target from ftpsync.conf, the port from RSYNC_EXTRA, the password apart', () => {
    const r = reading(upstream);
    assert.deepEqual(r.target, { host: '127.0.0.1', module: 'debian', user: 'eu3', port: upstream.port });
    assert.equal(r.password, upstream.password);
    assert.ok(!JSON.stringify(r.target).includes(upstream.password));
  });

  it('on success: the listing, the master trace serial and its date', async () => {
    publish(upstream.archive, '2026120605', new Date(Date.now() - 3 * 3600_000));
    const r = reading(upstream);
    const result = await testUpstreamLogin({
      target: r.target!,
      password: r.password!,
      connectTimeout: 5,
      ioTimeout: 10,
    });
    assert.equal(result.outcome, 'ok', result.answer);
    assert.ok(result.listing?.includes('pool'), JSON.stringify(result.listing));
    assert.equal(result.master?.serial, '2026120605');
    const age = Date.now() - result.master!.date!;
    assert.ok(age > 2.9 * 3600_000 && age < 3.1 * 3600_000, String(age));
  });

  it("the daemon's answers: auth failed, unknown module, access denied", async () => {
    const wrong = reading(upstream, { RSYNC_PASSWORD: 'wrong' });
    const auth = await testUpstreamLogin({ target: wrong.target!, password: wrong.password!, connectTimeout: 5 });
    assert.equal(auth.outcome, 'auth-failed');
    assert.equal(auth.answer, '@ERROR: auth failed on module debian');
    const nouser = reading(upstream, { RSYNC_USER: 'eu9' });
    assert.equal(
      (await testUpstreamLogin({ target: nouser.target!, password: nouser.password!, connectTimeout: 5 })).outcome,
      'auth-failed',
    );
    const module = reading(upstream, { RSYNC_PATH: 'debian-nope' });
    const unknown = await testUpstreamLogin({ target: module.target!, password: module.password!, connectTimeout: 5 });
    assert.equal(unknown.outcome, 'unknown-module');
    assert.equal(unknown.answer, "@ERROR: Unknown module 'debian-nope'");
    const hosts = reading(denied);
    const refusedHost = await testUpstreamLogin({
      target: hosts.target!,
      password: hosts.password!,
      connectTimeout: 5,
    });
    assert.equal(refusedHost.outcome, 'host-denied');
    assert.match(refusedHost.answer, /^@ERROR: access denied to debian from \S+ \(127\.0\.0\.1\)$/);
  });

  it('a closed port is refused; a silent peer is cancelled on request', async () => {
    const closed = await freePort();
    const refused = await testUpstreamLogin({
      target: { host: '127.0.0.1', module: 'debian', port: closed },
      connectTimeout: 5,
    });
    assert.equal(refused.outcome, 'refused', refused.answer);
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const r = await testUpstreamLogin({
        target: { host: '127.0.0.1', module: 'debian', port },
        signal: controller.signal,
        connectTimeout: 5,
        ioTimeout: 30,
      });
      assert.equal(r.outcome, 'cancelled');
      assert.ok(Date.now() - started < 5000);
    } finally {
      silent.close();
    }
  });

  it('the password is in the environment of rsync, never in its arguments', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-fake-rsync-'));
    try {
      const fake = path.join(dir, 'rsync');
      const out = path.join(dir, 'seen');
      fs.writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "ARGS $*" "ENV $RSYNC_PASSWORD" >> ${out}\nexit 5\n`, {
        mode: 0o755,
      });
      const r = reading(upstream);
      await testUpstreamLogin({ target: r.target!, password: r.password!, rsync: fake });
      const seen = fs.readFileSync(out, 'utf8');
      assert.match(seen, /^ARGS .*--list-only rsync:\/\/eu3@127\.0\.0\.1:\d+\/debian\/$/m);
      assert.ok(!/^ARGS .*Lab-Password/m.test(seen));
      assert.match(seen, new RegExp(`^ENV ${upstream.password}$`, 'm'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('push-mirror login: the same from the CLI, exit 0 on success and 1 on a refused login', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-login-'));
    try {
      const run = async (extra: Record<string, string>) => {
        const file = path.join(dir, 'ftpsync.conf');
        fs.writeFileSync(file, configFor(upstream, '/srv/mirror', extra), { mode: 0o600 });
        const lines: string[] = [];
        const code = await main(['login', file], {
          print: (l) => lines.push(l),
          info: (l) => lines.push(l),
          error: (l) => lines.push(l),
        });
        return { code, text: lines.join('\n') };
      };
      const ok = await run({});
      assert.equal(ok.code, 0, ok.text);
      assert.match(ok.text, /ok: login accepted\nmaster trace: serial \d+, /);
      const bad = await run({ RSYNC_PASSWORD: 'wrong' });
      assert.equal(bad.code, 1);
      assert.match(bad.text, /auth-failed: @ERROR: auth failed on module debian/);
      assert.ok(!ok.text.includes(upstream.password) && !bad.text.includes('wrong'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
