import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rsyncdService } from '../../../server/src/core/rsyncd/service';
import { secretsService } from '../../../server/src/core/secrets/service';
import { lineIndex } from '../../../server/src/core/text';
import type { CheckContext } from '../../../server/src/core/types';

// Real-world rsyncd.conf and secrets files (test/fixtures/rsyncd/real-world/SOURCES.md says where each
// came from). The exact `line code` pairs below were each checked against Debian 12's rsync 3.5.0
// daemon on 127.0.0.1 (the note above a file says what it showed); a file with none runs as written.
// Checked without this machine's files (paths there are the operators' hosts). A secrets file is
// checked with the rsyncd.conf of the same name in the workspace, as the module that uses it.

const DIR = path.resolve(__dirname, '../../fixtures/rsyncd/real-world');

const EXPECTED: Record<string, string[]> = {
  'allworldit-mirror-service.conf': [],
  'apt-cache-tunnel.conf': [],
  'arch-default.conf': [],
  'arch-mirror-mirjamali.conf': [],
  // anonymous upload accepted by the daemon ("rsync to ateam-airsync/ from …")
  'ateam-airsync.conf': ['10 rsyncd/writable-without-auth'],
  // anonymous upload inside the daemon chroot, file written as root
  'backup-daemon-chroot.conf': ['16 rsyncd/writable-without-auth', '16 rsyncd/root-writable'],
  // CRLF read fine; module writable without chroot; strict modes off for an auth module
  'backuppc-cygwin.conf': ['52 rsyncd/root-writable', '55 rsyncd/strict-modes-off'],
  // the only user line is commented out: "secret not found" (daemon-agrees commented_example_crlf);
  // reported on that commented-out line (35, `#UUU:PPP`)
  'backuppc-cygwin.secrets': ['35 secrets/missing-user'],
  'cpan-testers.conf': [],
  // "Unknown Parameter encountered: slp refresh / use slp"; anonymous upload as root accepted
  'ddwrt-router.conf': [
    '10 rsyncd/unknown-parameter',
    '11 rsyncd/unknown-parameter',
    '12 rsyncd/writable-without-auth',
    '12 rsyncd/root-writable',
  ],
  'debian-dakmaster.conf': [],
  'debian-example.conf': [],
  // anonymous upload accepted
  'debian-mirror-pool-docker.conf': ['8 rsyncd/writable-without-auth'],
  // strict modes off applies to its auth users modules (case strict-modes-off)
  'debian-ports-master.conf': ['12 rsyncd/strict-modes-off'],
  'debian-security-mirror.conf': [],
  'debian-syncproxy.conf': [],
  'debian-ubuntu-mirror-harukasan.conf': [],
  'docker-rsyncd-merge-include.conf': [],
  // rsync_user gets in and transfers as root
  'fedora-default.conf': ['24 rsyncd/root-writable'],
  'gap-rsync.conf': [],
  'gentoo-default.conf': [],
  'gentoo-portage-mirror.conf': [],
  'if-archive.conf': [],
  'juju-nrpe.conf': [],
  // writable, use chroot = no
  'kubernetes-build.conf': ['7 rsyncd/root-writable'],
  'kubernetes-build.secrets': [],
  // "Ignoring badly formed line in config file: ignore errors" (twice)
  'linuxsir-tutorial.conf': ['37 rsyncd/line-without-equals', '46 rsyncd/line-without-equals'],
  // [rhel4home] lets only root in; easylife is never read from this file
  'linuxsir-tutorial.secrets': ['1 secrets/unused-user'],
  'manpage-example.conf': [],
  'manpage-example.secrets': [],
  'mirror-configs-jn513.conf': [],
  // uid = 0 and use chroot = no on a writable module
  'nethserver-module-transfer.conf': ['16 rsyncd/root-writable', '16 rsyncd/root-writable'],
  'nethserver-module-transfer.secrets': [],
  // writable modules without auth users (anonymous upload accepted)
  'openstack-swift-storage.conf': [
    '10 rsyncd/writable-without-auth',
    '16 rsyncd/writable-without-auth',
    '22 rsyncd/writable-without-auth',
  ],
  'osg-repo.conf': [],
  // belfry:wo: the `wo` suffix is ignored, so belfry can still download ("LOGIN sampleset belfry" lists the module)
  'pangolin-upload.conf': [
    '13 rsyncd/root-writable',
    '16 rsyncd/auth-users-syntax',
    '19 rsyncd/root-writable',
    '25 rsyncd/root-writable',
    '31 rsyncd/root-writable',
    '34 rsyncd/auth-users-syntax',
  ],
  // "Ignoring badly formed line in config file: END"
  'pause.conf': ['27 rsyncd/line-without-equals'],
  'perfsonar-distribution.conf': [],
  'rdo-dlrn.conf': [],
  'ripe-rpki.conf': [],
  'rpki-testbed-google.conf': [],
  'sedot-mirror-buaya.conf': [],
  // seven "Badly formed boolean" log lines; "@ERROR: invalid uid nobody #…", "invalid gid #…"; comment words in refuse options "No match"
  'study-linux-annotated-example.conf': [
    '23 rsyncd/comment-in-value',
    '24 rsyncd/bad-boolean',
    '24 rsyncd/comment-in-value',
    '26 rsyncd/comment-in-value',
    '28 rsyncd/bad-boolean',
    '28 rsyncd/comment-in-value',
    '29 rsyncd/bad-boolean',
    '29 rsyncd/comment-in-value',
    '30 rsyncd/comment-in-value',
    '31 rsyncd/comment-in-value',
    '38 rsyncd/bad-boolean',
    '38 rsyncd/comment-in-value',
    '41 rsyncd/bad-boolean',
    '41 rsyncd/comment-in-value',
    '42 rsyncd/bad-boolean',
    '42 rsyncd/comment-in-value',
    '43 rsyncd/bad-boolean',
    '43 rsyncd/comment-in-value',
    '45 rsyncd/comment-in-value',
    '46 rsyncd/comment-in-value',
    '47 rsyncd/comment-in-value',
  ],
  // module [my_rsync_bk] served despite the header note; "no secrets file" for liu_rsync (the path includes the comment)
  'study-linux-backup.conf': [
    '15 rsyncd/header-trailing-text',
    '18 rsyncd/comment-in-value',
    '31 rsyncd/comment-in-value',
    '32 rsyncd/comment-in-value',
    '34 rsyncd/comment-in-value',
  ],
  'study-linux-backup.secrets': [],
  'syncrepo-afrothundr.conf': [],
  'systemimager.conf': [],
  // "Unknown Parameter encountered: ignore noreadable"; max verbosity = yes is atoi 0 (silent)
  'uniquestudio-mirrors.conf': ['6 rsyncd/bad-integer', '8 rsyncd/unknown-parameter'],
  // writable without auth from its hosts allow, use chroot = no
  'ustc-lab-archlinuxarm.conf': ['7 rsyncd/root-writable', '12 rsyncd/writable-without-auth'],
  // max verbosity = yes is atoi 0 (silent)
  'ustc-mirrors.conf': ['5 rsyncd/bad-integer'],
  'void-build-rsyncd.conf': [],
  'void-build-rsyncd.secrets': [],
  'void-mirror.conf': [],
  'zfsbackup-example.conf': [],
  'zfsbackup-example.secrets': [],
};

function diagnose(file: string): string[] {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  let ctx: CheckContext = {};
  const service = file.endsWith('.secrets') ? secretsService : rsyncdService;
  if (file.endsWith('.secrets')) {
    const confPath = path.join(DIR, file.replace(/\.secrets$/, '.conf'));
    const conf = fs.readFileSync(confPath, 'utf8');
    const secretsPath = /^\s*secrets\s*file\s*=\s*(\S+)/im.exec(conf)![1];
    ctx = {
      path: secretsPath,
      workspace: [{ uri: `file://${confPath}`, path: confPath, languageId: 'rsyncd-conf', text: conf }],
    };
  }
  const lineOf = lineIndex(text);
  return service.validate(text, ctx).map((p) => `${lineOf(p.start).line + 1} ${p.code}`);
}

test('every real-world fixture has its verified diagnostics listed, and no others exist', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => /\.(conf|secrets)$/.test(f))
    .sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
  assert.ok(files.filter((f) => f.endsWith('.conf')).length >= 20);
  assert.ok(files.filter((f) => f.endsWith('.secrets')).length >= 5);
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`real-world ${file}`, () => {
    assert.deepEqual(diagnose(file).sort(), [...expected].sort());
  });
}

test('every fixture is named in SOURCES.md', () => {
  const sources = fs.readFileSync(path.join(DIR, 'SOURCES.md'), 'utf8');
  for (const file of Object.keys(EXPECTED)) assert.ok(sources.includes('`' + file + '`'), file);
});
