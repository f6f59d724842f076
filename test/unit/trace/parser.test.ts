import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatDateLine, parseDateLine, parseRfc2822 } from '../../../server/src/core/trace/dates';
import {
  fieldValue,
  ftpsyncFieldValue,
  parseTraceDocument,
  type TraceFile,
} from '../../../server/src/core/trace/parser';

// Every form of trace file, from the real ftpsync (test/fixtures/trace/ftpsync, written on loopback) and
// from published examples (test/fixtures/trace/public; SOURCES.md says where each came from).

const FIXTURES = path.resolve(__dirname, '../../fixtures/trace');
const read = (p: string) => readFileSync(path.join(FIXTURES, p), 'utf8');
const trace = (p: string, name = path.basename(p)) =>
  parseTraceDocument(read(p), `/srv/mirror/project/trace/${name}`) as TraceFile;

describe('the date line, as the mirror checker reads it (strptime %a %b %d %H:%M:%S UTC|GMT %Y)', () => {
  it('reads date -u output, space-padded days, GMT and any case; only abbreviated names', () => {
    assert.equal(parseDateLine('Sun Dec  6 20:46:57 UTC 2026'), Date.UTC(2026, 11, 6, 20, 46, 57));
    assert.equal(parseDateLine('Tue Oct 30 03:25:38 GMT 2012'), Date.UTC(2012, 9, 30, 3, 25, 38));
    assert.equal(parseDateLine('Sunday December 6 20:46:57 UTC 2026'), undefined);
    assert.equal(parseDateLine('sun dec 06 20:46:57 utc 2026'), Date.UTC(2026, 11, 6, 20, 46, 57));
    assert.equal(parseDateLine('Sun Dec 6 1:2:3 UTC 2026'), Date.UTC(2026, 11, 6, 1, 2, 3));
  });
  it('refuses what strptime refuses: leftovers, other zones, impossible dates, leading blanks', () => {
    for (const bad of [
      'Sun Dec  6 20:46:57 UTC 2026\r',
      'Sun Dec  6 20:46:57 CET 2026',
      'Sun Dec  6 20:46:57 2026',
      'Sun Feb 31 20:46:57 UTC 2026',
      ' Sun Dec  6 20:46:57 UTC 2026',
      'Date: Sun, 06 Dec 2026 20:46:57 +0000',
      'Sun Dec  6 24:00:00 UTC 2026',
      'Sun Dec  6 20:46:60 UTC 2026',
      '',
    ])
      assert.equal(parseDateLine(bad), undefined, JSON.stringify(bad));
  });
  it('formats what ftpsync writes and reads it back', () => {
    const t = Date.UTC(2026, 11, 6, 20, 46, 57);
    assert.equal(formatDateLine(t), 'Sun Dec  6 20:46:57 UTC 2026');
    assert.equal(parseDateLine(formatDateLine(t)), t);
  });
  it('reads RFC 2822 Date fields with their offset', () => {
    assert.equal(parseRfc2822('Sun, 06 Dec 2026 20:46:57 +0000'), Date.UTC(2026, 11, 6, 20, 46, 57));
    assert.equal(parseRfc2822('Sun, 06 Dec 2026 21:46:57 +0100'), Date.UTC(2026, 11, 6, 20, 46, 57));
    assert.equal(parseRfc2822('6 Dec 2026 20:46 GMT'), Date.UTC(2026, 11, 6, 20, 46, 0));
    assert.equal(parseRfc2822('2026-12-06T20:46:57Z'), undefined);
  });
});

describe('site traces written by the real ftpsync', () => {
  const hub = trace('ftpsync/hub/hub.example.org');
  it('has every field tracefile_content() writes, names compared ignoring case', () => {
    assert.equal(hub.kind, 'site');
    assert.equal(hub.dateLine?.time, Date.UTC(2026, 11, 6, 20, 53, 34));
    const expected: [string, string][] = [
      ['Date', 'Sun, 06 Dec 2026 20:53:34 +0000'],
      ['Date-Started', 'Sun, 06 Dec 2026 20:53:33 +0000'],
      ['archive SERIAL', '2026120601'],
      ['Used ftpsync version', '20180513+nmu1'],
      ['Creator', 'ftpsync 20180513+nmu1'],
      ['Running on host', 'hub-1.example.org'],
      ['Maintainer', 'Mirror Admins <mirrors@example.org>'],
      ['Sponsor', 'Example Hosting https://example.org'],
      ['Country', 'DE'],
      ['Location', 'Frankfurt'],
      ['Throughput', '10Gb'],
      ['Trigger', 'ssh'],
      ['Architectures', 'amd64 arm64 i386 source'],
      ['Architectures-Configuration', 'ALL'],
      ['Upstream-Mirror', '127.0.0.1'],
      ['Rsync-Transport', 'undefined'],
      ['Total bytes received in rsync', '2346'],
      ['Total time spent in stage1 rsync', '0'],
      ['Total time spent in stage2 rsync', '0'],
      ['Total time spent in rsync', '0'],
    ];
    for (const [name, value] of expected) assert.equal(fieldValue(hub, name), value, name);
    assert.deepEqual(hub.stray, []);
  });
  it('keeps exact spans for each name and value', () => {
    const f = hub.fields.find((x) => x.name === 'Archive serial')!;
    assert.equal(hub.text.slice(f.nameSpan.start, f.nameSpan.end), 'Archive serial');
    assert.equal(hub.text.slice(f.valueSpan.start, f.valueSpan.end), '2026120601');
  });
  it('reads the leaf: INCLUDE configuration, cron trigger, named upstream', () => {
    const leaf = trace('ftpsync/leaf/leaf.example.net');
    assert.equal(fieldValue(leaf, 'Architectures-Configuration'), 'INCLUDE amd64 source');
    assert.equal(fieldValue(leaf, 'Trigger'), 'cron');
    assert.equal(fieldValue(leaf, 'Upstream-mirror'), 'hub.example.org');
    assert.equal(fieldValue(leaf, 'Average rate'), '2684 B/s');
  });
});

describe('the other trace forms', () => {
  it('reads dak master traces, with and without Date', () => {
    for (const p of ['ftpsync/hub/master', 'public/master-dak', 'public/master-dak-2012']) {
      const m = parseTraceDocument(read(p)) as TraceFile;
      assert.equal(m.kind, 'master', p);
      assert.match(fieldValue(m, 'Archive serial')!, /^20\d{8}$/);
      assert.ok(m.dateLine?.time);
    }
  });
  it('reads published traces of older ftpsync releases and GMT date lines', () => {
    const old = trace('public/ftpsync-20150425');
    assert.equal(fieldValue(old, 'Upstream-mirror'), 'syncproxy.example.org');
    assert.match(fieldValue(old, 'Architectures')!, /^GUESSED:\{ source/);
    const gmt = trace('public/ftpsync-20120521-gmt');
    assert.equal(gmt.dateLine?.time, Date.UTC(2012, 9, 30, 3, 25, 38));
    assert.equal(fieldValue(gmt, 'Archive serial'), undefined);
    assert.equal(fieldValue(trace('public/ftpsync-20160306'), 'SSL'), 'true');
  });
  it('reads date-only traces (Ubuntu) and -stage1 traces by name', () => {
    const dateOnly = trace('public/date-only');
    assert.equal(dateOnly.kind, 'date-only');
    assert.equal(dateOnly.dateLine?.time, Date.UTC(2016, 3, 27, 15, 50, 50));
    const stage1 = parseTraceDocument(
      read('ftpsync/leaf/leaf.example.net'),
      '/m/project/trace/leaf.example.net-stage1',
    );
    assert.equal(stage1.kind, 'stage1');
  });
  it('reads _hierarchy root first and _traces oldest first', () => {
    const h = parseTraceDocument(read('ftpsync/leaf/_hierarchy'), '/m/project/trace/_hierarchy');
    assert.equal(h.kind, 'hierarchy');
    if (h.kind !== 'hierarchy') return;
    assert.deepEqual(
      h.hops.map((x) => [x.traceFile, x.mirrorName, x.traceHost, x.rsyncHost]),
      [
        ['hub.example.org', 'hub.example.org', 'hub-1.example.org', '127.0.0.1'],
        ['leaf.example.net', 'leaf.example.net', 'leaf-1.example.net', 'hub.example.org'],
      ],
    );
    const copy = parseTraceDocument(read('ftpsync/leaf/_hierarchy.mirror'), '/m/project/trace/_hierarchy.mirror');
    assert.equal(copy.kind, 'hierarchy');
    const t = parseTraceDocument(read('ftpsync/leaf/_traces'), '/m/project/trace/_traces');
    assert.equal(t.kind, 'traces');
    if (t.kind === 'traces')
      assert.deepEqual(
        t.names.map((n) => n.text),
        ['master', 'hub.example.org', 'leaf.example.net'],
      );
  });
  it('guesses the form of an untitled text', () => {
    assert.equal(parseTraceDocument(read('ftpsync/leaf/_hierarchy')).kind, 'hierarchy');
    assert.equal(parseTraceDocument(read('ftpsync/leaf/_traces')).kind, 'traces');
    assert.equal(parseTraceDocument(read('ftpsync/hub/hub.example.org')).kind, 'site');
    assert.equal(parseTraceDocument(read('public/date-only')).kind, 'date-only');
  });
});

describe('readers that disagree', () => {
  it('the checker takes the last of two lines, ftpsync the first', () => {
    const t = parseTraceDocument('Sun Dec  6 20:46:57 UTC 2026\nArchive serial: 1\nArchive serial: 2\n') as TraceFile;
    assert.equal(fieldValue(t, 'Archive serial'), '2');
    assert.equal(ftpsyncFieldValue(t, 'Archive serial'), '1');
  });
  it("ftpsync's awk wants the exact name and `: `", () => {
    const read = (line: string) =>
      ftpsyncFieldValue(parseTraceDocument(`Sun Dec  6 20:46:57 UTC 2026\n${line}\n`) as TraceFile, 'Archive serial');
    assert.equal(read('Archive serial: 2026120601'), '2026120601');
    assert.equal(read('Archive serial:   2026120601  '), '2026120601');
    assert.equal(read('Archive Serial: 2026120601'), undefined);
    assert.equal(read('Archive serial:2026120601'), undefined);
    assert.equal(read(' Archive serial: 2026120601'), undefined);
    assert.equal(read('Archive serial: a: b'), 'a');
  });
  it('a file without a date line keeps its fields (the checker still calls it invalid)', () => {
    const t = parseTraceDocument('Date: Sun, 06 Dec 2026 20:46:57 +0000\nArchive serial: 7\n') as TraceFile;
    assert.equal(t.dateLine?.time, undefined);
    assert.ok(t.firstLineIsField);
    assert.equal(fieldValue(t, 'Archive serial'), '7');
    assert.equal(fieldValue(t, 'Date'), 'Sun, 06 Dec 2026 20:46:57 +0000');
  });
  it('never throws on any text', () => {
    for (const text of ['', '\n', ':', '\r\n\r\n', 'a b c d\n:\n', '\u0000'.repeat(10), 'x'.repeat(100000)])
      for (const p of [undefined, '/m/project/trace/_hierarchy', '/m/project/trace/_traces', '/m/project/trace/master'])
        assert.doesNotThrow(() => parseTraceDocument(text, p));
  });
});
