import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';

// A `# text` after a value is part of it (params.c). Real-world configs copied from annotated tutorials
// do this on every line; each line gets the one diagnostic that explains it, not one per rule.
// Daemon evidence: cases comment-after-integer, -secrets-file, -uid, -refuse-options, exclude-hash-pattern.

const codes = (text: string) => rsyncdService.validate(text, {}).map((p) => p.code.replace('rsyncd/', ''));
const messages = (text: string) => rsyncdService.validate(text, {}).map((p) => p.message);

test('a number followed by a comment is read as written: only the comment is reported', () => {
  assert.deepEqual(codes('[m]\npath = /x\ntimeout = 600 # seconds\n'), ['comment-in-value']);
  assert.deepEqual(codes('[m]\npath = /x\ntimeout = 600 ; seconds\n'), ['comment-in-value']);
  assert.deepEqual(codes('[m]\npath = /x\ntimeout = 10m\n'), ['bad-integer']);
  assert.deepEqual(codes('[m]\npath = /x\ntimeout = # none\n'), ['bad-integer']);
});

test('refuse options: the words of a comment are one comment, not unknown options or separators', () => {
  assert.deepEqual(codes('[m]\npath = /x\nrefuse options = delete # no deletes, ever\n'), ['comment-in-value']);
  assert.deepEqual(codes('[m]\npath = /x\nrefuse options = delte # typo\n'), [
    'unknown-refuse-option',
    'comment-in-value',
  ]);
  // `-0` is the short name of --from0.
  assert.deepEqual(codes('[m]\npath = /x\nrefuse options = 0\n'), []);
});

test('what the comment breaks is said for path, secrets file, uid and gid', () => {
  assert.match(messages('[m]\npath = /x # data\n')[0], /chroot failed/);
  assert.match(messages('[m]\npath = /x\nauth users = joe\nsecrets file = /s # pw\n')[0], /no secrets file/);
  assert.match(messages('[m]\npath = /x\nuid = nobody # user\n')[0], /invalid uid/);
  assert.match(messages('[m]\npath = /x\ngid = nogroup # group\n')[0], /invalid gid/);
});

test('a wildcard word starting with # in a pattern list is a pattern', () => {
  assert.deepEqual(codes('[m]\npath = /x\nexclude = *.tmp #*#\n'), []);
  assert.deepEqual(codes('[m]\npath = /x\nfilter = - *~ - #*#\n'), []);
  assert.deepEqual(codes('[m]\npath = /x\nexclude = *.tmp # editor files\n'), ['comment-in-value']);
  assert.deepEqual(codes('[m]\npath = /x\ndont compress = *.gz #压缩包\n'), ['comment-in-value']);
  // Outside pattern lists `#*#` is still a comment.
  assert.deepEqual(codes('[m]\npath = /x\nhosts allow = 192.0.2.1 #*#\n'), ['comment-in-value']);
});
