import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globToRegExp } from '../../server/src/core/glob';
import { knownLanguageForPath, languageForPath } from '../../server/src/core/languages';

// The CLI and the standalone server recognise a file exactly as VS Code does from the same patterns:
// exact names first, then the longest matching pattern, the base name unless the pattern has a `/`,
// and case ignored.

test('paths map to the language VS Code gives them', () => {
  const cases: [string, string | undefined][] = [
    ['/etc/rsyncd.conf', 'rsyncd-conf'],
    ['/etc/RSYNCD.CONF', 'rsyncd-conf'],
    ['/etc/rsyncd.conf.d/debian.conf', 'rsyncd-conf'],
    ['/etc/rsyncd.conf.d/hosts.inc', 'rsyncd-conf'],
    ['/srv/mirror.rsyncd.conf', 'rsyncd-conf'],
    ['/srv/rsyncd-debian.conf', 'rsyncd-conf'],
    ['/etc/other.conf', undefined],
    ['/etc/rsyncd.secrets', 'rsyncd-secrets'],
    ['/etc/debian.secrets', 'rsyncd-secrets'],
    ['/etc/rsyncd.secrets.old', 'rsyncd-secrets'],
    ['/home/archvsync/.ssh/authorized_keys', 'ssh-authorized-keys'],
    ['/home/archvsync/.ssh/authorized_keys.old', 'ssh-authorized-keys'],
    ['/etc/ssh/authorized_keys.d/archvsync', 'ssh-authorized-keys'],
    ['/srv/authorized_keys.old', undefined],
    ['/home/a/etc/runmirrors.mirror', 'runmirrors-mirror'],
    ['/home/a/etc/runmirrors-security.mirror', 'runmirrors-mirror'],
    ['/usr/share/doc/ftpsync/examples/debian.mirror.sample', 'runmirrors-mirror'],
    ['/srv/a/pushmirror.yaml', 'pushmirror-inventory'],
    ['C:\\mirrors\\pushmirror.yml', 'pushmirror-inventory'],
    ['/srv/a/other.yaml', undefined],
  ];
  for (const [path, id] of cases) assert.equal(languageForPath(path), id, path);
});

test('logs are known to the editor but not checked', () => {
  assert.equal(knownLanguageForPath('/home/a/log/ftpsync.log.1'), 'ftpsync-log');
  assert.equal(knownLanguageForPath('/home/a/log/rsync-ftpsync-debian.error.3'), 'ftpsync-log');
  assert.equal(languageForPath('/home/a/log/ftpsync.log'), undefined);
});

test('globs: one segment for *, any for **/, classes and alternatives', () => {
  assert.ok(globToRegExp('*.conf').test('a.conf'));
  assert.ok(!globToRegExp('*.conf').test('d/a.conf'));
  assert.ok(globToRegExp('**/x/*.inc').test('x/a.inc'));
  assert.ok(globToRegExp('**/x/*.inc').test('/etc/x/a.inc'));
  assert.ok(globToRegExp('a.log.[0-9]*').test('a.log.12'));
  assert.ok(!globToRegExp('a.log.[0-9]*').test('a.log.x'));
  assert.ok(globToRegExp('**/{a,b}.yaml').test('/w/b.yaml'));
  assert.ok(!globToRegExp('a?c').test('a/c'));
});
