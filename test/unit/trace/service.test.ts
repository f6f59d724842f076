import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { languageForPath } from '../../../server/src/core/languages';
import { traceService } from '../../../server/src/core/trace/service';
import type { CheckContext } from '../../../server/src/core/types';

// The ftpsync-trace language: which files it is, its rules on good and bad traces, hover and outline.

const FIX = path.resolve(__dirname, '../../fixtures/trace');
const read = (p: string) => readFileSync(path.join(FIX, p), 'utf8');
const at = (name: string, now = Date.UTC(2026, 11, 6, 21)): CheckContext => ({
  path: `/srv/mirror/debian/project/trace/${name}`,
  now,
});
const codes = (text: string, name = 'mirror.example.org') =>
  traceService.validate(text, at(name)).map((p) => [p.code, text.slice(p.start, p.end)]);

describe('which files are traces', () => {
  it('every file of project/trace/, whatever its name', () => {
    for (const name of [
      'mirror.example.org',
      'master',
      '_hierarchy',
      '_hierarchy.mirror',
      '_traces',
      'mirror.example.org-stage1',
    ])
      assert.equal(languageForPath(`/srv/mirror/debian/project/trace/${name}`), 'ftpsync-trace', name);
    assert.equal(languageForPath('/srv/mirror/debian/project/other/master'), undefined);
    assert.equal(languageForPath('/srv/mirror/debian/project/trace/sub/x'), undefined);
  });
});

describe('rules', () => {
  it('the real ftpsync’s files and the published traces of current tools have no problems', () => {
    for (const p of [
      'ftpsync/hub/hub.example.org',
      'ftpsync/hub/master',
      'ftpsync/leaf/leaf.example.net',
      'public/master-dak',
      'public/date-only',
    ])
      assert.deepEqual(codes(read(p), path.basename(p)), [], p);
    for (const p of ['ftpsync/leaf/_hierarchy', 'ftpsync/leaf/_traces', 'ftpsync/leaf/_hierarchy.mirror'])
      assert.deepEqual(codes(read(p), path.basename(p)), [], p);
  });
  it('an old ftpsync trace lacks what the checker shows; an unknown field line is kept', () => {
    assert.deepEqual(codes(read('public/ftpsync-20150425')), [['trace/missing-field', 'Wed Apr 27 15:56:37 UTC 2016']]);
  });
  it('invalid date lines, with the reason', () => {
    const [crlf] = traceService.validate('Sun Dec  6 20:46:57 UTC 2026\r\nArchive serial: 1\r\n', at('x'));
    assert.equal(crlf?.code, 'trace/invalid-date-line');
    assert.match(crlf!.message, /carriage return/);
    const [noDate] = traceService.validate('Date: Sun, 06 Dec 2026 20:46:57 +0000\n', at('x'));
    assert.match(noDate!.message, /the date line is missing/);
    assert.deepEqual(codes(''), [['trace/invalid-date-line', '']]);
    assert.deepEqual(codes('', '_traces'), []);
  });
  it('date fields, duplicates, serials ftpsync cannot read, commas, stray lines', () => {
    const text = [
      'Sun Dec  6 20:46:57 UTC 2026',
      'Date: 2026-12-06 20:46:57',
      'Archive Serial: 2026120601',
      'Used ftpsync version: 20180513+nmu1',
      'Used ftpsync version: 20160306',
      'Architectures-Configuration: INCLUDE amd64,source',
      'Upstream-mirror: hub.example.org',
      'some words',
      '',
    ].join('\n');
    assert.deepEqual(codes(text), [
      ['trace/invalid-date-field', '2026-12-06 20:46:57'],
      ['trace/serial-unreadable', 'Archive Serial: 2026120601'],
      ['trace/duplicate-field', 'Used ftpsync version'],
      ['trace/architectures-comma', 'INCLUDE amd64,source'],
      ['trace/stray-line', 'some words'],
    ]);
    assert.deepEqual(
      codes(
        'Sun Dec  6 20:46:57 UTC 2026\nArchive serial: unknown\nUsed ftpsync version: 1\nUpstream-mirror: a\nArchitectures-Configuration: ALL\n',
      ),
      [['trace/serial-unreadable', 'unknown']],
    );
  });
  it('_hierarchy lines of other than four words', () => {
    assert.deepEqual(codes('a a a a\nb b b\n', '_hierarchy'), [['trace/hierarchy-line', 'b b b']]);
  });
});

describe('hover and outline', () => {
  const text = read('ftpsync/hub/hub.example.org');
  const ctx = at('hub.example.org', Date.UTC(2026, 11, 6, 21, 53, 34));
  it('the date line: the time, its age and the checker’s band', () => {
    const h = traceService.hover!(text, 3, ctx)!;
    assert.match(h.markdown, /2026-12-06 20:53:34 UTC, 1 h ago \(the checker's band age0: ok\)/);
  });
  it('a field: who writes it, and how ftpsync reads the serial', () => {
    const h = traceService.hover!(text, text.indexOf('Archive serial') + 2, ctx)!;
    assert.match(h.markdown, /\*\*Archive serial\*\*/);
    assert.match(h.markdown, /ftpsync reads `2026120601`/);
    const arch = traceService.hover!(text, text.indexOf('Architectures-Configuration') + 2, ctx)!;
    assert.match(arch.markdown, /Written by ftpsync/);
  });
  it('_hierarchy and _traces lines', () => {
    const h = read('ftpsync/leaf/_hierarchy');
    const hover = traceService.hover!(h, h.indexOf('leaf.example.net'), at('_hierarchy'))!;
    assert.match(hover.markdown, /Hop 2 of 2.*serving this file/);
    assert.match(hover.markdown, /pulls from RSYNC_HOST `hub.example.org`/);
    const t = read('ftpsync/leaf/_traces');
    assert.match(traceService.hover!(t, 1, at('_traces'))!.markdown, /ftp-master's trace/);
  });
  it('outline: fields, hops, trace names', () => {
    assert.equal(traceService.symbols!(text, ctx)[2]!.name, 'Archive serial');
    assert.deepEqual(
      traceService.symbols!(read('ftpsync/leaf/_hierarchy'), at('_hierarchy')).map((s) => [s.name, s.detail]),
      [
        ['hub.example.org', 'pulls from 127.0.0.1'],
        ['leaf.example.net', 'pulls from hub.example.org'],
      ],
    );
  });
});
