import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatDateLine } from '../../../server/src/core/trace/dates';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';

// `push-mirror status` against downstreams served on loopback: one line per downstream, JSON, and the
// Nagios exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) with thresholds as options.

const HOUR = 3_600_000;
const now = Date.now();
const files = new Map<string, { body: string; modified?: number }>();
let server: http.Server;
let base = '';
let dir = '';

function siteTrace(serial: string, finished: number): string {
  return [
    formatDateLine(finished),
    `Archive serial: ${serial}`,
    'Used ftpsync version: 20180513+nmu1',
    'Trigger: ssh',
    'Architectures: amd64 source ',
    'Architectures-Configuration: ALL',
    'Upstream-mirror: hub.example.org',
    '',
  ].join('\n');
}

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, print: (l) => stdout.push(l), info: (l) => stderr.push(l), error: (l) => stderr.push(l) };
}

before(async () => {
  server = http.createServer((req, res) => {
    const f = files.get(req.url ?? '');
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, f.modified ? { 'last-modified': new Date(f.modified).toUTCString() } : {});
    res.end(req.method === 'HEAD' ? undefined : f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-status-'));
  // This mirror's master: serial 5, published 13 h ago.
  fs.mkdirSync(path.join(dir, 'archive/project/trace'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'archive/project/trace/master'),
    `${formatDateLine(now - 13 * HOUR)}\nUsing dak v1\nArchive serial: 5\n`,
  );
  files.set('/current/project/trace/current.example.org', { body: siteTrace('5', now - 600_000) });
  files.set('/behind/project/trace/behind.example.org', { body: siteTrace('4', now - 20 * HOUR) });
  files.set('/locked/project/trace/locked.example.org', { body: siteTrace('5', now - 600_000) });
  files.set('/locked/Archive-Update-in-Progress-locked.example.org', { body: '', modified: now - 3 * HOUR });
  fs.writeFileSync(
    path.join(dir, 'runmirrors.mirror'),
    ['current', 'behind', 'locked', 'gone', 'nourl'].map((n) => `all ${n} ${n}.example.org archvsync\n`).join(''),
  );
  fs.writeFileSync(
    path.join(dir, 'pushmirror.yaml'),
    [
      'version: 1',
      'downstreams:',
      ...['current', 'behind', 'locked', 'gone'].flatMap((n) => [
        `  ${n}:`,
        `    traceUrl: ${base}/${n}/project/trace/${n}.example.org`,
      ]),
      '',
    ].join('\n'),
  );
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function status(...args: string[]) {
  const out = capture();
  const code = await main(
    [
      'status',
      '--mirror-list',
      path.join(dir, 'runmirrors.mirror'),
      '--master',
      path.join(dir, 'archive/project/trace/master'),
      ...args,
    ],
    out,
  );
  return { code, out };
}

describe('push-mirror status', () => {
  it('one line per downstream after the Nagios status line; the worst decides the exit code', async () => {
    const { code, out } = await status('current', 'behind', 'locked');
    assert.equal(code, 1, out.stderr.join('\n'));
    assert.equal(out.stdout[0], 'PUSH MIRROR WARNING: 3 downstreams, 2 WARNING (behind, locked), 1 OK');
    assert.match(out.stdout[1]!, /^OK\tcurrent\tcurrent, serial 5, last update 10 min ago$/);
    assert.match(out.stdout[2]!, /^WARNING\tbehind\tat least 13 h behind, serial 4, last update 20 h ago$/);
    assert.match(
      out.stdout[3]!,
      /^WARNING\tlocked\tcurrent, .*stale Archive-Update-in-Progress-locked\.example\.org \(3 h old\)/,
    );
    assert.equal(out.stdout.length, 4);
  });
  it('thresholds are options: 12 h of lag is CRITICAL past --critical 12h', async () => {
    assert.equal((await status('behind', '--warning', '6h', '--critical', '12h')).code, 2);
    assert.equal((await status('behind', '--warning', '2d', '--critical', '3d')).code, 0);
    assert.equal((await status('locked', '--stale-lock', '4h')).code, 0);
  });
  it('a missing trace is CRITICAL (the checker\'s "sitetrace unavailable"); no trace URL is UNKNOWN', async () => {
    const gone = await status('gone');
    assert.equal(gone.code, 2);
    assert.match(gone.out.stdout[1]!, /^CRITICAL\tgone\tsitetrace unavailable: HTTP 404$/);
    const nourl = await status('nourl');
    assert.equal(nourl.code, 3);
    assert.match(nourl.out.stdout[1]!, /^UNKNOWN\tnourl\tno traceUrl for nourl in pushmirror.yaml$/);
    assert.equal((await status('current', 'nourl')).code, 3, 'UNKNOWN beats OK');
    assert.equal((await status('gone', 'nourl', 'behind')).code, 2, 'CRITICAL beats the rest');
  });
  it('--format json carries the verdicts', async () => {
    const { code, out } = await status('behind', '--format', 'json');
    assert.equal(code, 1);
    const json = JSON.parse(out.stdout.join('\n'));
    assert.equal(json.state, 'WARNING');
    assert.equal(json.code, 1);
    assert.equal(json.downstreams[0].name, 'behind');
    assert.equal(json.downstreams[0].lagIsLowerBound, true);
    assert.equal(json.downstreams[0].lagBand, 2);
    assert.equal(json.downstreams[0].scoreAdjustment, 0);
  });
  it('usage errors exit 3, never 2 (which a monitor would read as CRITICAL)', async () => {
    assert.equal((await status('--warning', 'soon')).code, 3);
    assert.equal((await status('--bogus')).code, 3);
    assert.equal((await status('nobody')).code, 3);
    assert.equal((await status('--warning', '2d', '--critical', '1d')).code, 3);
  });
});
