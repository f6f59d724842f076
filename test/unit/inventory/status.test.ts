import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDateLine, parseMainLog, parseMirrorLog, pushStatus } from '../../../src/engine/inventory/status';

const LOG = path.resolve(__dirname, '../../fixtures/archvsync-home/log');
const read = (f: string) => readFileSync(path.join(LOG, f), 'utf8');

describe("status from runmirrors' logs", () => {
  it('parses the `date -u` line runmirrors writes first', () => {
    assert.equal(parseDateLine('Mon Nov 23 10:11:35 UTC 2026'), Date.UTC(2026, 10, 23, 10, 11, 35));
    assert.equal(parseDateLine('Tue Dec  1 01:02:03 UTC 2026'), Date.UTC(2026, 11, 1, 1, 2, 3));
    assert.equal(parseDateLine('Nov 23 10:11:35 push runmirrors[1]: Sending normal trigger'), undefined);
  });

  it('sees a sent trigger, a failed ssh and a line that sent nothing', () => {
    assert.equal(parseMirrorLog(read('eu.one.log'))?.result, 'sent');
    const two = parseMirrorLog(read('eu.two.log'));
    assert.equal(two?.result, 'failed');
    assert.match(two?.detail ?? '', /Connection refused/);
    assert.equal(parseMirrorLog('Mon Nov 23 10:11:35 UTC 2026\n')?.result, 'skipped');
    assert.equal(parseMirrorLog('garbage\n'), undefined);
  });

  it('only the last push counts', () => {
    const text = read('eu.two.log') + read('eu.one.log').replace('10:11:35 UTC', '11:00:00 UTC');
    assert.equal(parseMirrorLog(text)?.result, 'sent');
    assert.equal(parseMirrorLog(text)?.time, Date.UTC(2026, 10, 23, 11, 0, 0));
  });

  it("combines a mirror's log with the main log's verdict for its host", () => {
    const verdicts = parseMainLog(read('runmirrors.log'));
    assert.deepEqual([...verdicts.keys()], ['one.example.org', 'two.example.org']);
    assert.equal(pushStatus(read('eu.one.log'), verdicts.get('one.example.org'))?.result, 'ok');
    assert.equal(pushStatus(undefined, verdicts.get('two.example.org'))?.result, 'failed');
    assert.equal(pushStatus(undefined, undefined), undefined);
  });
});
