import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseInetdConf, protocolName, readTwice, waitMode } from '../../../server/src/core/inetd/parser';
import { rsyncInvocation } from '../../../server/src/core/inetd/rsync';

const SEED = 'rsync      stream      tcp         nowait      root /usr/bin/rsync rsyncd --daemon\n';

test("the seed's line: every field and argv[0]", () => {
  const [e, ...rest] = parseInetdConf(SEED).entries;
  assert.equal(rest.length, 0);
  assert.equal(e.service.value, 'rsync');
  assert.equal(e.listenHost, '*');
  assert.equal(e.socketType?.value, 'stream');
  assert.equal(protocolName(e), 'tcp');
  assert.equal(waitMode(e), 'nowait');
  assert.equal(e.user?.value, 'root');
  assert.equal(e.server?.value, '/usr/bin/rsync');
  assert.deepEqual(
    e.args.map((a) => a.value),
    ['rsyncd', '--daemon'],
  );
  assert.equal(SEED.slice(e.span.start, e.span.end), SEED.trimEnd());
  const rsync = rsyncInvocation(e);
  assert.equal(rsync?.argv0?.value, 'rsyncd');
  assert.ok(rsync?.daemon);
  assert.equal(rsync?.configPath, '/etc/rsyncd.conf');
  assert.ok(readTwice(e), 'tcp is read for IPv4 and IPv6');
});

test('comments only in the first column; #<off># lines are services turned off by update-inetd', () => {
  const doc = parseInetdConf('# c\n#<off># rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n');
  assert.equal(doc.entries.length, 0);
  assert.equal(doc.comments.length, 2);
  assert.match(doc.comments[1].disabledEntry ?? '', /^rsync stream/);
});

test('an indented line continues the entry above; an empty line or a comment ends it', () => {
  const text =
    'rsync stream tcp nowait root /usr/bin/rsync\n\trsyncd\n  --daemon\n\n  x stream tcp nowait root /bin/x x\n';
  const [a, b] = parseInetdConf(text).entries;
  assert.deepEqual(
    a.args.map((w) => w.value),
    ['rsyncd', '--daemon'],
  );
  assert.equal(a.fieldsOnFirstLine, 6);
  assert.deepEqual(
    a.continuations.map((c) => c.line),
    [1, 2],
  );
  // The empty line starts an entry that the indented line completes.
  assert.equal(b.service.value, 'x');
  assert.equal(b.fieldsOnFirstLine, 0);
  assert.equal(b.line, 3);
});

test('`host:` alone sets the listen address of the lines below; `host:service` of its own line', () => {
  const doc = parseInetdConf(
    '127.0.0.1:\nrsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n[::1]:873 stream tcp6 nowait root /usr/bin/rsync rsyncd --daemon\n:daytime stream tcp nowait root internal\n',
  );
  assert.deepEqual(
    doc.hostLines.map((h) => h.host),
    ['127.0.0.1'],
  );
  assert.deepEqual(
    doc.entries.map((e) => [e.listenHost, e.service.value, protocolName(e)]),
    [
      ['127.0.0.1', 'rsync', 'tcp'],
      ['::1', '873', 'tcp6'],
      ['*', 'daytime', 'tcp'],
    ],
  );
});

test('a CR stays on the last word, as fgets leaves it', () => {
  const [e] = parseInetdConf('rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\r\n').entries;
  assert.equal(e.args[1].value, '--daemon\r');
  // rsync's view strips it only for our own analysis; the rule inetd/crlf reports it.
  assert.ok(rsyncInvocation(e)?.daemon);
});

test('tcpd runs argv[0] with the remaining arguments', () => {
  const [e] = parseInetdConf(
    'rsync stream tcp nowait root /usr/sbin/tcpd /usr/bin/rsync --daemon --config /srv/r.conf\n',
  ).entries;
  const rsync = rsyncInvocation(e);
  assert.equal(rsync?.tcpd?.value, '/usr/sbin/tcpd');
  assert.equal(rsync?.programPath, '/usr/bin/rsync');
  assert.ok(rsync?.daemon);
  assert.equal(rsync?.configPath, '/srv/r.conf');
  const [bare] = parseInetdConf('rsync stream tcp nowait root /usr/sbin/tcpd rsync --daemon\n').entries;
  assert.equal(rsyncInvocation(bare)?.programPath, '/usr/sbin/rsync');
});

test('--config: `=FILE`, a separate FILE, the last one wins, a relative path is read from /', () => {
  const config = (args: string) =>
    rsyncInvocation(parseInetdConf(`rsync stream tcp nowait root /usr/bin/rsync rsyncd ${args}\n`).entries[0])
      ?.configPath;
  assert.equal(config('--daemon --config=/a.conf'), '/a.conf');
  assert.equal(config('--daemon --config /b.conf'), '/b.conf');
  assert.equal(config('--daemon --config=/a.conf --config=/c.conf'), '/c.conf');
  assert.equal(config('--daemon --config=etc/rsyncd.conf'), '/etc/rsyncd.conf');
  assert.equal(config('--daemon'), '/etc/rsyncd.conf');
});

test('never throws, keeps spans inside the text, and reads any text the same twice', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\n', '\r', '#', ':', '-', '/', 'rsync ', 'tcp ') }),
      (text) => {
        const doc = parseInetdConf(text);
        for (const e of doc.entries) {
          for (const w of e.words) {
            assert.ok(w.start >= 0 && w.end <= text.length && w.start < w.end);
            assert.equal(text.slice(w.start, w.end), w.value);
          }
          rsyncInvocation(e);
        }
        assert.deepEqual(parseInetdConf(text), doc);
      },
    ),
    { numRuns: 2000 },
  );
});
