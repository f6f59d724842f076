import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetchTrace, formatAge, parseTrace } from '../../../src/engine/inventory/trace';

// A trace file as ftpsync writes it to project/trace/<host> after a sync.
const TRACE = [
  'Date: Mon, 23 Nov 2026 08:00:01 +0000',
  'Date-Started: Mon, 23 Nov 2026 07:52:10 +0000',
  'Archive serial: 2026112302',
  'Used ftpsync version: 20180513+nmu1',
  'Running on host: one.example.org',
  '',
].join('\n');

describe('trace freshness', () => {
  let server: http.Server;
  let base = '';
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/debian/project/trace/one.example.org') return void res.end(TRACE);
      if (req.url === '/moved')
        return void res.writeHead(302, { location: '/debian/project/trace/one.example.org' }).end();
      if (req.url === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (req.url === '/slow') return; // never answers
      if (req.url === '/html') return void res.end('<html>not found</html>');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('parses Date and Archive serial', () => {
    assert.deepEqual(parseTrace(TRACE), {
      date: Date.UTC(2026, 10, 23, 8, 0, 1),
      serial: '2026112302',
      host: 'one.example.org',
    });
  });

  it('fetches a trace file from a local HTTP server', async () => {
    const info = await fetchTrace(`${base}/debian/project/trace/one.example.org`);
    assert.equal(info.serial, '2026112302');
    assert.equal(formatAge(Date.UTC(2026, 10, 23, 11, 30, 0) - info.date!), '3 h 29 min');
  });

  it('follows an http redirect but never one to another scheme', async () => {
    assert.equal((await fetchTrace(`${base}/moved`)).serial, '2026112302');
    await assert.rejects(fetchTrace(`${base}/to-file`), /only http and https/);
  });

  it('fails clearly on 404, non-trace content, timeouts and bad URLs', async () => {
    await assert.rejects(fetchTrace(`${base}/missing`), /HTTP 404/);
    await assert.rejects(fetchTrace(`${base}/html`), /not an ftpsync trace file/);
    await assert.rejects(fetchTrace(`${base}/slow`, { timeoutMs: 200 }), /within 200 ms/);
    await assert.rejects(fetchTrace('ftp://example.org/trace'), /only http and https/);
  });
});
