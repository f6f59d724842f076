import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildHierarchy, mergePushPaths } from '../../../server/src/core/trace/hierarchy';
import { parseHierarchy, parseTrace, parseTraceList } from '../../../server/src/core/trace/parser';

// The hierarchy model from `_hierarchy`/`_traces` and the lists that push each downstream.

const fixture = (p: string) => readFileSync(path.resolve(__dirname, '../../fixtures/trace/ftpsync', p), 'utf8');
const hier = (...lines: string[]) => parseHierarchy(`${lines.join('\n')}\n`);

describe('from the real ftpsync’s files', () => {
  const model = buildHierarchy({
    selfNames: ['hub.example.org', 'hub-1.example.org'],
    selfHierarchy: parseHierarchy(fixture('hub/_hierarchy')),
    downstreams: [
      {
        name: 'leaf',
        host: 'leaf-1.example.net',
        pushedBy: ['runmirrors.mirror', 'runmirrors-backup.mirror'],
        hierarchy: parseHierarchy(fixture('leaf/_hierarchy')),
        traces: parseTraceList(fixture('leaf/_traces')),
        site: parseTrace(fixture('leaf/leaf.example.net')),
      },
    ],
  });
  it('upstream → this mirror → downstream, with nothing to flag', () => {
    assert.deepEqual(model.upstreams, []);
    assert.equal(model.self?.mirrorName, 'hub.example.org');
    const leaf = model.downstreams[0]!;
    assert.equal(leaf.pullsFrom, 'hub.example.org');
    assert.deepEqual(leaf.traces, ['master', 'hub.example.org', 'leaf.example.net']);
    assert.deepEqual(
      leaf.chain.map((h) => h.mirrorName),
      ['hub.example.org', 'leaf.example.net'],
    );
    assert.deepEqual(model.findings, []);
  });
});

describe('what is flagged', () => {
  it('a loop: a mirror twice in a chain', () => {
    const m = buildHierarchy({
      selfNames: ['b.example.org'],
      downstreams: [
        {
          name: 'c',
          pushedBy: ['l1', 'l2'],
          hierarchy: hier(
            'a.example.org a.example.org a.example.org ftp-master.example.org',
            'b.example.org b.example.org b.example.org a.example.org',
            'a.example.org a.example.org a.example.org b.example.org',
            'c.example.org c.example.org c.example.org a.example.org',
          ),
        },
      ],
    });
    assert.deepEqual(
      m.findings.map((f) => f.code),
      ['loop', 'not-via-this-mirror'],
    );
    assert.match(m.findings[0]!.message, /a\.example\.org appears twice in the chain \(hops 1 and 3\)/);
  });
  it('a push loop: this mirror pushes one of its own upstreams', () => {
    const m = buildHierarchy({
      selfNames: ['b.example.org'],
      selfHierarchy: hier(
        'a.example.org a.example.org a-1.example.org ftp-master.example.org',
        'b.example.org b.example.org b-1.example.org a.example.org',
      ),
      downstreams: [{ name: 'a.example.org', host: 'a-1.example.org', pushedBy: ['l1', 'l2'] }],
    });
    assert.deepEqual(
      m.findings.map((f) => f.code),
      ['loop'],
    );
  });
  it('an RSYNC_HOST that names no hop above (an alias), and an Upstream-mirror that differs from it', () => {
    const m = buildHierarchy({
      selfNames: ['hub.example.org'],
      downstreams: [
        {
          name: 'leaf',
          pushedBy: ['l1', 'l2'],
          hierarchy: hier(
            'hub.example.org hub.example.org hub-1.example.org ftp-master.example.org',
            'leaf.example.net leaf.example.net leaf-1.example.net ftp.example.org',
          ),
          site: parseTrace('Sun Dec  6 20:46:57 UTC 2026\nUpstream-mirror: hub.example.org\n'),
        },
      ],
    });
    assert.deepEqual(
      m.findings.map((f) => f.code),
      ['upstream-mismatch', 'upstream-mirror-differs', 'not-via-this-mirror'],
    );
    assert.match(m.findings[2]!.message, /pulls from ftp\.example\.org/);
  });
  it('one push path, an unreadable downstream, and names compared ignoring case', () => {
    const m = buildHierarchy({
      selfNames: ['HUB.example.org'],
      downstreams: [
        { name: 'x', pushedBy: ['runmirrors.mirror'], hierarchy: hier('x x x hub.EXAMPLE.org') },
        { name: 'y', pushedBy: ['a', 'b'], error: '_hierarchy: HTTP 404' },
      ],
    });
    assert.deepEqual(
      m.findings.map((f) => [f.downstream, f.code, f.level]),
      [
        ['x', 'single-push-path', 'info'],
        ['y', 'unreadable', 'warning'],
      ],
    );
  });
});

it('merges one downstream named in several lists into one entry with every push path', () => {
  assert.deepEqual(
    mergePushPaths([
      { name: 'eu', host: 'mirror.example.org', list: 'hub-a' },
      { name: 'eu1', host: 'MIRROR.example.org', list: 'hub-b' },
      { name: 'us', list: 'hub-a' },
    ]),
    [
      { name: 'eu', host: 'mirror.example.org', pushedBy: ['hub-a', 'hub-b'] },
      { name: 'us', pushedBy: ['hub-a'] },
    ],
  );
});
