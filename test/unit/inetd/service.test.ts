import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inetdService, SEED_RSYNC_LINE } from '../../../server/src/core/inetd/service';
import { languageForPath } from '../../../server/src/core/languages';
import { debianHost } from './helpers';

const SEED = 'rsync stream tcp nowait root /usr/bin/rsync rsyncd --daemon\n';
const ctx = { host: debianHost() };

test('inetd.conf files are recognised by name', () => {
  for (const path of ['/etc/inetd.conf', '/etc/inetd.conf.dpkg-dist', '/srv/mirror.inetd.conf', '/etc/inetd.d/rsync'])
    assert.equal(languageForPath(path), 'inetd-conf', path);
  assert.equal(languageForPath('/etc/xinetd.conf'), undefined);
});

test('hover on the service name: the port from /etc/services, the addresses and families', () => {
  const h = inetdService.hover!(SEED, 2, ctx);
  assert.equal(
    h?.markdown,
    '**rsync**: inetd listens on port 873/tcp (/etc/services, line 3), all addresses, IPv4 and IPv6.',
  );
  const v4 = '192.0.2.10:873 stream tcp4 nowait root /usr/bin/rsync rsyncd --daemon\n';
  assert.match(inetdService.hover!(v4, v4.indexOf('873'), {})!.markdown, /port 873, `192.0.2.10`, IPv4\./);
});

test('hover on the program: what inetd runs and the rsyncd.conf the daemon reads', () => {
  const h = inetdService.hover!(SEED, SEED.indexOf('--daemon'), ctx);
  assert.match(h!.markdown, /inetd runs `\/usr\/bin\/rsync` as `rsyncd --daemon` as user `root`/);
  assert.match(h!.markdown, /reads `\/etc\/rsyncd.conf` \(the default/);
  const other = SEED.replace('--daemon', '--daemon --config=/srv/r.conf');
  assert.match(inetdService.hover!(other, other.indexOf('/usr'), ctx)!.markdown, /reads `\/srv\/r.conf`\./);
});

test('outline, links and completion', () => {
  const text = `127.0.0.1:${SEED.replace('--daemon', '--daemon --config etc/rsyncd.conf')}`;
  assert.deepEqual(
    inetdService.symbols!(text).map((s) => [s.name, s.detail]),
    [['127.0.0.1:rsync', 'stream tcp /usr/bin/rsync']],
  );
  const [link] = inetdService.links!(text, ctx);
  assert.equal(text.slice(link.start, link.end), 'etc/rsyncd.conf');
  assert.equal(link.target, '/etc/rsyncd.conf');
  const [seed] = inetdService.complete!('rs', 2, ctx);
  assert.equal(seed.insertText, SEED_RSYNC_LINE);
  assert.deepEqual(
    inetdService.complete!('rsync s', 7, ctx).map((c) => c.label),
    ['stream', 'dgram'],
  );
  assert.deepEqual(
    inetdService.complete!('rsync stream tcp n', 18, ctx).map((c) => c.label),
    ['nowait', 'wait'],
  );
  assert.deepEqual(inetdService.complete!('# rs', 4, ctx), []);
});
