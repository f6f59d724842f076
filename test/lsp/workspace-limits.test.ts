import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { DEFAULT_MAX_BYTES } from '../../server/src/node/files';
import { findMirrorFiles, WorkspaceIndex, type MirrorFile, type WalkLimits } from '../../server/src/lsp/workspace';
import { WorkspaceCheck } from '../../server/src/lsp/workspaceCheck';

// The bounds of the workspace walk and of the background check, in process: the caps, symbolic links
// (a loop, a link out of the folder), special files, and a run that runs out of time.

const LIMITS: WalkLimits = { files: 100, entries: 1000, depth: 10, timeMs: 10_000 };

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lsp-walk-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const names = (root: string, files: readonly MirrorFile[]) => files.map((f) => path.relative(root, f.path)).sort();

describe('the walk', () => {
  test('lists every checked language but traces, skipping version control, node_modules and an archive', async () => {
    const root = tree('kinds', {
      'rsyncd.conf': '',
      'etc/rsyncd.secrets': '',
      '.ssh/authorized_keys': '',
      'runmirrors.mirror': '',
      'ftpsync-debian.conf': '',
      'etc/inetd.d/rsync': '',
      'pushmirror.yaml': '',
      'README.md': '',
      'debian/project/trace/mirror.example.org': '',
      'debian/pool/main/r/rsyncd.conf': '',
      'node_modules/pkg/rsyncd.conf': '',
      '.git/rsyncd.conf': '',
    });
    const { files, truncated } = await findMirrorFiles([root], undefined, LIMITS);
    assert.equal(truncated, undefined);
    assert.deepEqual(names(root, files), [
      '.ssh/authorized_keys',
      'etc/inetd.d/rsync',
      'etc/rsyncd.secrets',
      'ftpsync-debian.conf',
      'pushmirror.yaml',
      'rsyncd.conf',
      'runmirrors.mirror',
    ]);
    assert.deepEqual(files.map((f) => f.languageId).sort(), [
      'ftpsync-conf',
      'inetd-conf',
      'pushmirror-inventory',
      'rsyncd-conf',
      'rsyncd-secrets',
      'runmirrors-mirror',
      'ssh-authorized-keys',
    ]);
  });

  test('stops at the file cap, the entry cap and the depth, and says why', async () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`h${i}/rsyncd.conf`, '']));
    const root = tree('many', many);
    const byFiles = await findMirrorFiles([root], undefined, { ...LIMITS, files: 10 });
    assert.equal(byFiles.files.length, 10);
    assert.equal(byFiles.truncated, 'found 10 mirror files');
    const byEntries = await findMirrorFiles([root], undefined, { ...LIMITS, entries: 20 });
    assert.ok(byEntries.files.length < 20);
    assert.equal(byEntries.truncated, 'looked at 20 files and folders');
    const deep = tree('deep', { 'a/b/c/d/rsyncd.conf': '', 'a/rsyncd.conf': '' });
    assert.deepEqual(names(deep, (await findMirrorFiles([deep], undefined, { ...LIMITS, depth: 2 })).files), [
      'a/rsyncd.conf',
    ]);
  });

  test('never follows a link to a folder (a loop ends), lists a link to a file, skips a FIFO', async () => {
    const root = tree('links', { 'etc/rsyncd.conf': '' });
    fs.symlinkSync('..', path.join(root, 'etc', 'loop'));
    fs.symlinkSync('/', path.join(root, 'etc', 'slash'));
    fs.symlinkSync(path.join(root, 'etc', 'rsyncd.conf'), path.join(root, 'live.rsyncd.conf'));
    execFileSync('mkfifo', [path.join(root, 'etc', 'rsyncd.secrets')]);
    const { files, truncated } = await findMirrorFiles([root], undefined, LIMITS);
    assert.equal(truncated, undefined);
    assert.deepEqual(names(root, files), ['etc/rsyncd.conf', 'live.rsyncd.conf']);
  });

  test('stops when cancelled', async () => {
    const root = tree('cancelled', { 'a/rsyncd.conf': '', 'b/rsyncd.conf': '' });
    assert.deepEqual((await findMirrorFiles([root], () => true, LIMITS)).files, []);
  });
});

describe('the background check', () => {
  const diagnostic: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    message: 'a problem',
  };

  function setUp(root: string, budgetMs?: number) {
    const published = new Map<string, Diagnostic[]>();
    const logs: string[] = [];
    const checked: string[] = [];
    const check = new WorkspaceCheck(
      {
        index: new WorkspaceIndex(() => [root]),
        roots: () => [root],
        enabled: () => Promise.resolve(true),
        isOpen: () => false,
        check: (file, text) => {
          checked.push(path.relative(root, file.path));
          return Promise.resolve(text ? [{ ...diagnostic, message: text }] : []);
        },
        publish: (uri, ds) => published.set(path.relative(root, new URL(uri).pathname), ds),
        log: (m) => logs.push(m),
        debug: () => undefined,
      },
      budgetMs,
    );
    const run = () => check.checkAll();
    return { check, published, logs, checked, run };
  }

  test('reads one file at a time; a file over the size cap is not read, and said so once', async () => {
    const root = tree('large', { 'a/rsyncd.conf': 'x', 'b/rsyncd.conf': '' });
    const big = path.join(root, 'big.rsyncd.conf');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, DEFAULT_MAX_BYTES + 1);
    const { published, logs, checked, run } = setUp(root);
    assert.deepEqual(await run(), { checked: 2, listed: 3 });
    assert.deepEqual(checked.sort(), ['a/rsyncd.conf', 'b/rsyncd.conf']);
    assert.deepEqual([...published.keys()], ['a/rsyncd.conf']);
    assert.equal(logs.filter((l) => l.includes('big.rsyncd.conf')).length, 1);
    assert.match(logs[0], /more than the 16 MiB read at most/);
    await run();
    assert.equal(logs.filter((l) => l.includes('big.rsyncd.conf')).length, 1);
  });

  test('an unchanged result is not sent again; a changed one is', async () => {
    const root = tree('unchanged', { 'rsyncd.conf': 'one' });
    const { published, run } = setUp(root);
    await run();
    assert.equal(published.get('rsyncd.conf')?.[0].message, 'one');
    published.clear();
    await run();
    assert.equal(published.size, 0);
    fs.writeFileSync(path.join(root, 'rsyncd.conf'), 'two');
    await run();
    assert.equal(published.get('rsyncd.conf')?.[0].message, 'two');
  });

  test('out of time: stops, says so, and keeps what the client already shows', async () => {
    const root = tree('slow', { 'a/rsyncd.conf': 'one', 'b/rsyncd.conf': 'two' });
    const full = setUp(root);
    await full.run();
    assert.equal(full.published.size, 2);
    const { published, logs, run } = setUp(root, -1);
    assert.deepEqual(await run(), { checked: 0, listed: 2, stopped: 'time' });
    assert.equal(published.size, 0, 'nothing cleared');
    assert.match(logs.join('\n'), /stopped after 0 of 2 files/);
  });
});
