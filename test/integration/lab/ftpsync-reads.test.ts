import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatDateLine } from '../../../server/src/core/trace/dates';
import { fieldValue, ftpsyncFieldValue, parseTrace } from '../../../server/src/core/trace/parser';
import { traceService } from '../../../server/src/core/trace/service';
import { configFor, FtpsyncSandbox, startUpstream, type Upstream } from '../../support/ftpsync';

// Differential cases for the trace rules that claim what the real ftpsync does: how it reads the
// `Archive serial` of its master trace (trace/serial-unreadable, trace/duplicate-field), and what a
// comma in ARCH_INCLUDE does (trace/architectures-comma). Each master is served by the real rsync
// daemon and pulled by the real ftpsync; its trace says what ftpsync read.

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
});
after(async () => {
  await upstream?.dispose();
});

async function syncWith(master: string, extra: Record<string, string> = {}): Promise<string> {
  fs.writeFileSync(path.join(upstream.archive, 'project/trace/master'), master);
  const sandbox = new FtpsyncSandbox();
  try {
    sandbox.writeConfig(configFor(upstream, sandbox.to, extra));
    const r = await sandbox.run({ sshOriginalCommand: 'sync:all' });
    assert.equal(r.code, 0, `${r.stdout}${r.log}`);
    return sandbox.trace()!;
  } finally {
    sandbox.dispose();
  }
}

const master = (...lines: string[]) =>
  [formatDateLine(Date.now()), 'Using dak v1', 'Running on host: ftp-master.example.org', ...lines, ''].join('\n');

describe('how the real ftpsync reads its master trace', () => {
  const cases: [string, string][] = [
    ['Archive serial: 2026120605', '2026120605'],
    ['Archive serial:   2026120605', '2026120605'],
    ['Archive Serial: 2026120605', 'unknown'],
    ['Archive serial:2026120605', 'unknown'],
    [' Archive serial: 2026120605', 'unknown'],
  ];
  for (const [line, written] of cases)
    it(`${JSON.stringify(line)} → its trace says ${written}; our reader and rule agree`, async () => {
      const m = master(line);
      const site = parseTrace(await syncWith(m));
      assert.equal(fieldValue(site, 'Archive serial'), written);
      const ours = ftpsyncFieldValue(parseTrace(m), 'Archive serial');
      assert.equal(ours ?? 'unknown', written);
      const flagged = traceService
        .validate(m, { path: '/m/project/trace/master' })
        .some((p) => p.code === 'trace/serial-unreadable');
      assert.equal(flagged, written === 'unknown');
    });
  it('two serial lines: ftpsync takes the first (the checker would show the second)', async () => {
    const m = master('Archive serial: 2026120606', 'Archive serial: 2026120607');
    const site = parseTrace(await syncWith(m));
    assert.equal(fieldValue(site, 'Archive serial'), '2026120606');
    assert.deepEqual(
      traceService.validate(m, { path: '/m/project/trace/master' }).map((p) => p.code),
      ['trace/duplicate-field'],
    );
  });
});

it('a comma in ARCH_INCLUDE: ftpsync writes it back and filters for an architecture that does not exist', async () => {
  const text = await syncWith(master('Archive serial: 2026120608'), { ARCH_INCLUDE: 'amd64,source' });
  assert.match(text, /^Architectures-Configuration: INCLUDE amd64,source $/m);
  assert.deepEqual(
    traceService.validate(text, { path: '/m/project/trace/mirror.example.org' }).map((p) => p.code),
    ['trace/architectures-comma'],
  );
});
