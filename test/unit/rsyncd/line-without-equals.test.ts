import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';

// A line without `=` is logged ("Ignoring badly formed line") and skipped (params.c). Real-world: the
// linuxsir.org tutorial writes `ignore errors` alone. Daemon evidence: case bare-boolean-name.
test('a bare parameter name says which default stays and how to write it, with a fix for booleans', () => {
  const text = '[m]\npath = /x\nignore errors\n';
  const [p] = rsyncdService.validate(text, {});
  assert.equal(p.code, 'rsyncd/line-without-equals');
  assert.match(p.message, /`ignore errors` keeps its default \(false\)\. Write `ignore errors = yes`/);
  const edit = p.fixes![0].edits[0];
  assert.equal(
    text.slice(0, edit.start) + edit.newText + text.slice(edit.end),
    '[m]\npath = /x\nignore errors = yes\n',
  );
  assert.match(rsyncdService.validate('[m]\npath = /x\ncomment\n', {})[0].message, /Write `comment = …`/);
});
