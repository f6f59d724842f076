import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { PARAMETERS } from '../../../server/src/core/rsyncd/parameters';
import { CachedHost } from '../../../server/src/node/host';

const at = (text: string, marker: string) => text.indexOf(marker);

test('the parameter table has all 59 names of rsync 3.5.0: 11 global, 48 module', () => {
  assert.equal(PARAMETERS.length, 59);
  assert.equal(PARAMETERS.filter((p) => p.scope === 'global').length, 11);
  assert.equal(new Set(PARAMETERS.map((p) => p.name)).size, 59);
});

test('hover explains scope, type, default and what rsync reads', () => {
  const text = '[m]\n  max connections = lots\n  port = 1\n';
  const h = rsyncdService.hover!(text, at(text, 'connections'), {})!;
  assert.match(h.markdown, /\*\*max connections\*\*: int, module/);
  assert.match(h.markdown, /rsync reads: 0/);
  assert.match(rsyncdService.hover!(text, at(text, 'port'), {})!.markdown, /Ignored here/);
  assert.match(rsyncdService.hover!(text, 1, {})!.markdown, /rsync:\/\/host\/m\//);
});

test('completion: names valid in the section, then values by type', () => {
  const text = '[m]\n  re\n';
  const names = rsyncdService.complete!(text, at(text, 're') + 2, {}).map((c) => c.label);
  assert.ok(names.includes('read only') && !names.includes('port'));
  assert.ok(rsyncdService.complete!('po', 2, {}).some((c) => c.label === 'port'));
  const value = (t: string) => rsyncdService.complete!(t, t.length, {}).map((c) => c.label);
  assert.deepEqual(value('list = '), ['yes', 'no', 'true', 'false']);
  assert.ok(value('use chroot = ').includes('unset'));
  assert.ok(value('syslog facility = lo').includes('local7'));
  assert.ok(value('socket options = SO_KEEPALIVE ').includes('TCP_NODELAY'));
  assert.deepEqual(value('auth digest = '), ['sha512', 'sha256', 'sha1', 'md5', 'md4']);
  assert.ok(value('log format = %o %').includes('%h'));
  assert.ok(value('refuse options = delete chec').includes('checksum'));
  assert.deepEqual(value('&in').sort(), ['&include', '&merge']);
});

test('symbols, folding, links, definition and dependencies', () => {
  const text =
    '# a\n# b\nuid = nobody\n[one]\n  path = /srv/one\n  comment = first\n[two]\n  path = /srv/two\n  secrets file = /etc/s\n[ONE]\n  list = no\n&include /etc/rsyncd.d\n';
  const symbols = rsyncdService.symbols!(text);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.detail]),
    [
      ['global', 'namespace', 'global'],
      ['[one]', 'module', 'first'],
      ['[two]', 'module', ''],
      ['[ONE]', 'module', 'merged into [one]'],
    ],
  );
  assert.deepEqual(
    symbols[1].children?.map((c) => c.name),
    ['path', 'comment'],
  );
  const folds = rsyncdService.folding!(text);
  assert.deepEqual(
    folds.find((f) => f.kind === 'comment'),
    { startLine: 0, endLine: 1, kind: 'comment' },
  );
  assert.ok(folds.some((f) => f.startLine === 3 && f.endLine === 5));
  assert.deepEqual(
    rsyncdService.links!(text, {}).map((l) => l.target),
    ['/srv/one', '/srv/two', '/etc/s', '/etc/rsyncd.d'],
  );
  const def = rsyncdService.definition!(text, at(text, 'ONE'), { path: '/etc/rsyncd.conf' });
  assert.deepEqual(def, [{ target: '/etc/rsyncd.conf', start: at(text, 'one]'), end: at(text, 'one]') + 3 }]);
  assert.deepEqual(rsyncdService.dependencies!(text, {}), ['/etc/s', '/etc/rsyncd.d']);
});

test('incremental edits do not touch the file system again (CachedHost reads)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-rsyncd-unit-'));
  try {
    fs.writeFileSync(path.join(dir, 'secrets'), 'joe:pw\n', { mode: 0o644 });
    const text = `pid file = ${dir}/run/rsyncd.pid\n&include ${dir}\n[m]\n  path = ${dir}\n  auth users = joe\n  secrets file = ${dir}/secrets\n`;
    const host = new CachedHost();
    const first = rsyncdService.validate(text, { host });
    assert.ok(first.some((p) => p.code === 'rsyncd/secrets-file-permissions'));
    const reads = host.reads;
    assert.ok(reads > 0);
    for (let i = 0; i < 20; i++) rsyncdService.validate(text.replace('[m]', `[m]\n  comment = edit ${i}`), { host });
    assert.equal(host.reads, reads);
    host.invalidate();
    rsyncdService.validate(text, { host });
    assert.ok(host.reads > reads);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
