import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import type { HostAccess } from '../../../server/src/core/types';

// rsyncd/bad-filter-rule on rsyncd.conf text (the daemon's verdict on the same rules is in
// test/integration/ftpsync/filter-differential.test.ts).

const codes = (text: string, host?: HostAccess) =>
  rsyncdService
    .validate(text, { path: '/etc/rsyncd.conf', ...(host ? { host } : {}) })
    .filter((p) => p.code === 'rsyncd/bad-filter-rule' || p.code === 'rsyncd/file-not-found')
    .map((p) => `${text.slice(0, p.start).split('\n').length} ${p.code} ${text.slice(p.start, p.end)}`);

describe('rsyncd/bad-filter-rule', () => {
  it('marks the rejected word of filter, include and exclude', () => {
    const text = '[a]\n  path = /srv/a\n  filter = - *.tmp *.bak\n  exclude = *.tmp - \n  include = *.deb\n';
    assert.deepEqual(codes(text), ['3 rsyncd/bad-filter-rule *.bak']);
    assert.deepEqual(codes('[a]\n  path = /srv/a\n  filter = - *.tmp + /keep/ -/ /private\n'), []);
    assert.deepEqual(codes('[a]\n  path = /srv/a\n  filter = *.iso\n'), ['3 rsyncd/bad-filter-rule *.iso']);
  });

  it('reads include from / exclude from files and merge files on this machine', () => {
    const files: Record<string, string> = { '/etc/rsync/ok': '# c\n*.tmp\n', '/etc/rsync/bad': '*.tmp\n- \n' };
    const host: HostAccess = {
      homeDir: '/root',
      uid: 0,
      stat: (p) => ({ exists: p in files || p === '/srv/a', isDirectory: p === '/srv/a' }),
      readDir: () => undefined,
      readText: (p) => files[p],
    };
    const text = [
      '[a]',
      '  path = /srv/a',
      '  exclude from = /etc/rsync/ok',
      '  include from = /etc/rsync/bad',
      '  filter = merge /etc/rsync/missing',
      '  include from = /etc/rsync/none',
      '',
    ].join('\n');
    assert.deepEqual(codes(text, host), [
      '4 rsyncd/bad-filter-rule /etc/rsync/bad',
      '5 rsyncd/bad-filter-rule merge /etc/rsync/missing',
      '6 rsyncd/file-not-found /etc/rsync/none',
    ]);
  });
});
