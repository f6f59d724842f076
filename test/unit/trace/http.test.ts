import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TraceHttp, traceSiblings } from '../../../src/engine/traces/http';
import { HttpTraceSource, readMarker } from '../../../src/engine/traces/sources';

// Reading traces over HTTP on loopback: one deadline per request, a size cap, redirects only to
// http(s), markers by HEAD with Last-Modified, 404/403 as "absent".

const TRACE = 'Sun Dec  6 20:46:57 UTC 2026\nArchive serial: 2026120602\n';
const MODIFIED = 'Sun, 06 Dec 2026 20:40:00 GMT';
let server: http.Server;
let base = '';
const client = new TraceHttp({ timeoutMs: 2000 });

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/debian/project/trace/one.example.org') return void res.end(TRACE);
    if (url === '/debian/Archive-Update-in-Progress-one.example.org')
      return void res.writeHead(200, { 'last-modified': MODIFIED }).end(req.method === 'HEAD' ? undefined : '1234\n');
    if (url === '/debian/Archive-Update-Required-one.example.org') return void res.writeHead(403).end();
    if (url === '/moved') return void res.writeHead(302, { location: '/debian/project/trace/one.example.org' }).end();
    if (url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url === '/big') return void res.end('x'.repeat(200 * 1024));
    if (url === '/latin1') return void res.end(Buffer.from('Maintainer: Jos\xe9\n', 'latin1'));
    if (url === '/slow') return; // accepts, never answers
    if (url === '/trickle') {
      res.write('S');
      const timer = setInterval(() => res.write('x'), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('TraceHttp', () => {
  it('reads a trace, follows an http redirect, never one to another scheme or forever', async () => {
    assert.equal((await client.request(`${base}/debian/project/trace/one.example.org`)).body, TRACE);
    const moved = await client.request(`${base}/moved`);
    assert.equal(moved.body, TRACE);
    assert.match(moved.url, /one\.example\.org$/);
    await assert.rejects(client.request(`${base}/to-file`), /only http and https/);
    await assert.rejects(client.request(`${base}/loop`), /too many redirects/);
  });
  it('bounds size and time: the deadline covers a body that trickles', async () => {
    await assert.rejects(client.request(`${base}/big`), /larger than 65536 bytes/);
    const t0 = Date.now();
    await assert.rejects(client.request(`${base}/slow`, { timeoutMs: 300 }), /within 300 ms/);
    await assert.rejects(client.request(`${base}/trickle`, { timeoutMs: 300, maxBytes: 1e6 }), /within 300 ms/);
    assert.ok(Date.now() - t0 < 1500);
  });
  it('decodes as the checker does: UTF-8, else ISO 8859-1', async () => {
    assert.equal((await client.request(`${base}/latin1`)).body, 'Maintainer: José\n');
  });
  it('answers a 404 with its status, a refused connection with a message', async () => {
    assert.equal((await client.request(`${base}/nothing`)).status, 404);
    await assert.rejects(client.request('http://127.0.0.1:9/x', { timeoutMs: 1000 }), /127\.0\.0\.1:9/);
    await assert.rejects(client.request('ftp://example.org/x'), /only http and https/);
  });
});

describe('a trace URL and what lies beside it', () => {
  it('names the markers at the archive root and the other trace files', () => {
    assert.deepEqual(traceSiblings('https://mirror.example.org/debian/project/trace/mirror.example.org'), {
      name: 'mirror.example.org',
      inProgress: 'https://mirror.example.org/debian/Archive-Update-in-Progress-mirror.example.org',
      required: 'https://mirror.example.org/debian/Archive-Update-Required-mirror.example.org',
      master: 'https://mirror.example.org/debian/project/trace/master',
      hierarchy: 'https://mirror.example.org/debian/project/trace/_hierarchy',
      traces: 'https://mirror.example.org/debian/project/trace/_traces',
    });
    assert.equal(traceSiblings('https://mirror.example.org/trace.txt'), undefined);
  });
  it('one reading: the trace and the lock with its Last-Modified; a missing trace is absent', async () => {
    const source = new HttpTraceSource(`${base}/debian/project/trace/one.example.org`, client);
    assert.equal(source.site, 'one.example.org');
    const o = await source.observe({ lock: true });
    assert.equal(o.trace?.dateLine?.time, Date.UTC(2026, 11, 6, 20, 46, 57));
    assert.deepEqual(o.inProgress, { present: true, modified: Date.parse(MODIFIED) });
    const missing = await new HttpTraceSource(`${base}/debian/project/trace/none.example.org`, client).observe({
      lock: false,
    });
    assert.equal(missing.traceAbsent, true);
    assert.equal(missing.inProgress, undefined);
  });
  it('a 403 marker is absent, as the checker reads it; a 500 is an error', async () => {
    assert.deepEqual(await readMarker(client, `${base}/debian/Archive-Update-Required-one.example.org`), {
      present: false,
    });
    assert.deepEqual(await readMarker(client, `${base}/nothing`), { present: false });
  });
});
