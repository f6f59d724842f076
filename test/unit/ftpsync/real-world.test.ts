import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ftpsyncService } from '../../../server/src/core/ftpsync/service';

// Real-world ftpsync.conf files (test/fixtures/ftpsync/real-world, sources in SOURCES.md), each read
// as the file at the path its project installs it to (which decides the ftpsync flavour), without
// file checks, as `push-mirror check --no-fs` runs. Every diagnostic is pinned; the working configs
// get no error.

const DIR = path.resolve(__dirname, '../../fixtures/ftpsync/real-world');

/** Where each file lives on its mirror: ~/.config/ftpsync (package), an archvsync home's etc/ (tarball), or elsewhere. */
export const INSTALLED_AT: Record<string, string> = {
  'package-sample.conf': '/home/archvsync/.config/ftpsync/ftpsync.conf',
  'unredacted.conf': '/srv/mirror-config/ftpsync.conf',
  'acadie-unquoted-arch.conf': '/srv/mirror-config/ftpsync.conf',
  'university-amd64-only.conf': '/home/mirror/etc/ftpsync.conf',
  'dotfiles-2009-sample.conf': '/home/user/dotfiles/ftpsync.conf',
  'gul-short-name.conf': '/home/mirror/etc/ftpsync.conf',
  'digabi-fullogs.conf': '/home/mirror/etc/ftpsync.conf',
  'tairan-options2.conf': '/home/mirror/etc/ftpsync.conf',
  'archvsync-2010-credentials.conf': '/home/archvsync/etc/ftpsync.conf',
  'puppet-defaults.conf': '/home/archvsync/etc/ftpsync.conf',
  'ansible-country-name.conf': '/var/lib/mirror/debian/debian/etc/ftpsync.conf',
  'ansible-extra-safe-links.conf': '/home/mirror/etc/ftpsync.conf',
  'ansible-cron-json.conf': '/etc/ftpsync/ftpsync-debian.conf',
  'ansible-cron-fixed.conf': '/etc/ftpsync/ftpsync-debian.conf',
  'heredoc-docker.conf': '/app/archvsync/etc/ftpsync.conf',
};

const EXPECTED: Record<string, string[]> = {
  'package-sample.conf': ['1 ftpsync/mirrorname-unset', '18 ftpsync/missing-rsync-host'],
  'unredacted.conf': [],
  'acadie-unquoted-arch.conf': [
    '1 ftpsync/mirrorname-unset',
    '18 ftpsync/rsync-host-form',
    '37 ftpsync/runs-at-start',
    '37 ftpsync/temporary-assignment',
  ],
  'university-amd64-only.conf': ['1 ftpsync/mirrorname-unset', '37 ftpsync/source-excluded'],
  'dotfiles-2009-sample.conf': ['11 ftpsync/runs-at-start'],
  'gul-short-name.conf': [
    '9 ftpsync/mirrorname-not-site-name',
    '18 ftpsync/rsync-host-alias',
    '38 ftpsync/unknown-architecture',
  ],
  'digabi-fullogs.conf': [
    '1 ftpsync/missing-rsync-host',
    '1 ftpsync/mirrorname-unset',
    '59 ftpsync/unknown-variable',
    '75 ftpsync/unknown-architecture',
  ],
  'tairan-options2.conf': [
    '1 ftpsync/mirrorname-unset',
    '72 ftpsync/unknown-architecture',
    '72 ftpsync/source-excluded',
  ],
  'archvsync-2010-credentials.conf': ['1 ftpsync/mirrorname-unset'],
  'puppet-defaults.conf': ['10 ftpsync/rsync-host-alias'],
  'ansible-country-name.conf': ['9 ftpsync/runs-at-start', '24 ftpsync/bad-country'],
  'ansible-extra-safe-links.conf': [],
  'ansible-cron-json.conf': [
    '9 ftpsync/source-excluded',
    '12 ftpsync/unknown-variable',
    '13 ftpsync/runs-at-start',
    '14 ftpsync/runs-at-start',
    '15 ftpsync/runs-at-start',
    '16 ftpsync/syntax',
  ],
  'ansible-cron-fixed.conf': ['9 ftpsync/source-excluded'],
  'heredoc-docker.conf': [],
};

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('real-world ftpsync.conf files', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.conf'))
    .sort();

  it('has at least 12 files, each with a pinned expectation and a place', () => {
    assert.ok(files.length >= 12);
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    assert.deepEqual(files, Object.keys(INSTALLED_AT).sort());
  });

  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const ctx = { path: INSTALLED_AT[file] };
      const problems = ftpsyncService.validate(text, ctx);
      assert.deepEqual(
        problems.map((p) => `${lineOf(text, p.start)} ${p.code}`),
        EXPECTED[file],
      );
      for (const p of problems) assert.ok(p.start >= 0 && p.end <= text.length && p.start <= p.end, JSON.stringify(p));
      for (let offset = 0; offset <= text.length; offset += 5) {
        ftpsyncService.hover!(text, offset, ctx);
        ftpsyncService.complete!(text, offset, ctx);
      }
      ftpsyncService.symbols!(text, ctx);
      ftpsyncService.folding!(text);
    });
  }

  it('no working config gets an error', () => {
    for (const file of [
      'unredacted.conf',
      'heredoc-docker.conf',
      'ansible-extra-safe-links.conf',
      'puppet-defaults.conf',
      'ansible-cron-fixed.conf',
    ]) {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      assert.deepEqual(
        ftpsyncService.validate(text, { path: INSTALLED_AT[file] }).filter((p) => p.severity === 'error'),
        [],
        file,
      );
    }
  });

  it('SOURCES.md names every fixture', () => {
    const sources = fs.readFileSync(path.join(DIR, 'SOURCES.md'), 'utf8');
    for (const file of files) assert.ok(sources.includes(`\`${file}\``), file);
  });
});
