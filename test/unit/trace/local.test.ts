import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { formatDateLine } from '../../../server/src/core/trace/dates';
import { TraceHttp } from '../../../src/engine/traces/http';
import { checkLocalArchive, upstreamMasterUrl } from '../../../src/engine/traces/local';

// "This Mirror": this host's own trace and locks from its archive root, against its upstream's master.

const NOW = Math.floor(Date.now() / 1000) * 1000; // whole seconds, as date -u writes them
let dir = '';
let server: http.Server;
let base = '';
const client = new TraceHttp({ timeoutMs: 2000 });

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-local-'));
  fs.mkdirSync(path.join(dir, 'project/trace'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'project/trace/hub.example.org'),
    `${formatDateLine(NOW - 600_000)}\nArchive serial: 7\nUsed ftpsync version: 20180513+nmu1\n`,
  );
  server = http.createServer((req, res) =>
    req.url === '/debian/project/trace/master'
      ? res.end(`${formatDateLine(NOW - 3 * 3600_000)}\nUsing dak v1\nArchive serial: 8\n`)
      : res.writeHead(404).end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

it('names the upstream master as ftpsync-cron names upstream traces', () => {
  assert.equal(upstreamMasterUrl('ftp.example.org', '/debian/'), 'http://ftp.example.org/debian/project/trace/master');
});

it('judges this host’s trace against the upstream’s master; a lock whose ftpsync is gone is stale at once', async () => {
  const a = { to: dir, mirrorName: 'hub.example.org', upstreamMaster: upstreamMasterUrl(base) };
  const v = await checkLocalArchive(a, { http: client, now: NOW });
  assert.equal(v.state, 'OK');
  assert.equal(v.lagMs, 3 * 3600_000);
  assert.equal(v.lagIsLowerBound, true);
  const dead = (await import('node:child_process')).spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout;
  fs.writeFileSync(path.join(dir, 'Archive-Update-in-Progress-hub.example.org'), dead);
  const stale = await checkLocalArchive(a, { http: client, now: NOW });
  assert.equal(stale.state, 'WARNING');
  assert.match(stale.summary, /its ftpsync \(PID \d+\) is gone/);
  const missing = await checkLocalArchive({ to: dir, mirrorName: 'other.example.org' }, { http: client, now: NOW });
  assert.equal(missing.state, 'CRITICAL');
  assert.match(missing.summary, /^sitetrace unavailable: .*does not exist/);
});
