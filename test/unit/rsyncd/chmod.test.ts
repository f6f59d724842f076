import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badItem } from '../../../server/src/core/rsyncd/rules/bad-chmod';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';

// What rsync 3.5.0's own parse_chmod said about each string (`rsync --chmod=S -n /etc/hostname /tmp/x`).
const ACCEPTED = [
  'D00755',
  '00644',
  '000007777',
  'F0000644',
  'u+r',
  'D755',
  '755',
  'F644,D755',
  'Dg+s',
  'ug=rwX,o-w',
  'a+',
  '+',
  '=',
  'g=u',
  'u=g',
  '0755',
  'D7555',
  'u=rw,go=',
  'a=rX',
  'ugo+t',
  'D+s,F-t',
  'u+g',
  '644,u+x',
  'DD+r',
  'FF644',
  'D0',
  '7777',
  'D=',
  'u+rwxXst',
  'ua+r',
  'uD+r',
];
const REJECTED = [
  '0010000',
  'u',
  'u+rz',
  'DF+r',
  'u+r,',
  ',u+r',
  '8',
  '75a',
  '77777',
  'u+r-w',
  'x+r',
  ' u+r',
  'u+ug',
  'D644F',
  'u+r,,g+w',
  'u644',
  'u=gw',
  'D u+r',
  'u+R',
  'U+r',
];

test('chmod items: the same verdict as rsync 3.5.0 on 51 strings', () => {
  for (const s of ACCEPTED) assert.equal(badItem(s), undefined, s);
  for (const s of REJECTED) assert.ok(badItem(s), s);
});

test('bad-chmod points at the first bad item', () => {
  const text = '[m]\npath = /x\nincoming chmod = Dg+s,u+rz,o-w\n';
  const [p] = rsyncdService.validate(text, {});
  assert.equal(p.code, 'rsyncd/bad-chmod');
  assert.equal(text.slice(p.start, p.end), 'u+rz');
  assert.match(p.message, /Invalid "incoming chmod" directive/);
  assert.deepEqual(
    rsyncdService.validate('[m]\npath = /x\noutgoing chmod =\nincoming chmod = %PERMS%\n', {}).map((q) => q.code),
    [],
  );
});
