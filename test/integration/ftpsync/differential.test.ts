import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ftpsyncService } from '../../../server/src/core/ftpsync/service';
import type { WorkspaceDocument } from '../../../server/src/core/types';
import { CachedHost } from '../../../server/src/node/host';
import { configFor, FtpsyncSandbox, startUpstream, type FtpsyncRun, type Upstream } from '../../support/ftpsync';

// Each rule for a silent mistake, proved with the real ftpsync 20180513+nmu1 pulling from the real
// rsync 3.5.0 daemon on loopback (auth users, 0600 secrets file): the config the rule flags fails or
// mirrors the wrong thing exactly as its message says, and a config Push Mirror calls clean syncs.

let upstream: Upstream;
before(async () => {
  upstream = await startUpstream();
  // An upstream symlink that points outside the mirror: what --safe-links (CVE-2017-8805) keeps out.
  fs.symlinkSync('/etc/hostname', path.join(upstream.archive, 'pool/main/h/hello/evil'));
});
after(async () => upstream?.dispose());

interface Outcome extends FtpsyncRun {
  sandbox: FtpsyncSandbox;
  pool: string[];
  codes: string[];
  messages: string[];
}

/** Writes the config, lets Push Mirror judge it, then runs the real ftpsync as a push would. */
async function attempt(
  make: (sb: FtpsyncSandbox) => string,
  options: { workspace?: WorkspaceDocument[]; archive?: string } = {},
): Promise<Outcome> {
  const sandbox = new FtpsyncSandbox();
  const text = make(sandbox);
  const file = sandbox.writeConfig(text, options.archive);
  const problems = ftpsyncService.validate(text, {
    path: file,
    host: new CachedHost(),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
  const run = await sandbox.run({
    sshOriginalCommand: `sync:all${options.archive ? ` sync:archive:${options.archive}` : ''}`,
  });
  let pool: string[] = [];
  try {
    pool = fs.readdirSync(path.join(sandbox.to, 'pool/main/h/hello')).sort();
  } catch {
    // nothing synced
  }
  return {
    ...run,
    sandbox,
    pool,
    codes: problems.filter((p) => p.severity !== 'information').map((p) => p.code),
    messages: problems.map((p) => p.message),
  };
}

const cases: { rule: string; title: string; make: (sb: FtpsyncSandbox) => string; observe: (o: Outcome) => void }[] =
  [];
const base = (sb: FtpsyncSandbox, extra: Record<string, string> = {}) => configFor(upstream, sb.to, extra);
const add = (rule: string, title: string, make: (sb: FtpsyncSandbox) => string, observe: (o: Outcome) => void) =>
  cases.push({ rule, title, make, observe });
const ALL = [
  'evil',
  'hello_1.0.dsc',
  'hello_1.0.tar.xz',
  'hello_1.0_all.deb',
  'hello_1.0_amd64.deb',
  'hello_1.0_arm64.deb',
  'hello_1.0_i386.deb',
].filter((f) => f !== 'evil');

add(
  'ftpsync/literal-boolean',
  'HUB=yes never runs runmirrors',
  (sb) => base(sb, { HUB: 'yes' }),
  (o) => {
    assert.equal(o.code, 0);
    assert.doesNotMatch(o.log, /Trigger slave mirrors/);
  },
);
add(
  'ftpsync/arch-list-comma',
  'ARCH_INCLUDE="amd64,source" keeps only *_all.deb',
  (sb) => base(sb, { ARCH_INCLUDE: 'amd64,source' }),
  (o) => {
    assert.equal(o.code, 0);
    assert.deepEqual(o.pool, ['hello_1.0_all.deb']);
  },
);
add(
  'ftpsync/arch-list-comma',
  'ARCH_EXCLUDE="arm64, i386" still mirrors arm64',
  (sb) => base(sb, { ARCH_EXCLUDE: 'arm64, i386' }),
  (o) => {
    assert.ok(o.pool.includes('hello_1.0_arm64.deb') && !o.pool.includes('hello_1.0_i386.deb'), o.pool.join(' '));
  },
);
add(
  'ftpsync/array-assignment',
  'ARCH_INCLUDE=(amd64 source) leaves out source',
  (sb) => `${base(sb)}ARCH_INCLUDE=(amd64 source)\n`,
  (o) => {
    assert.deepEqual(o.pool, ['hello_1.0_all.deb', 'hello_1.0_amd64.deb']);
  },
);
add(
  'ftpsync/temporary-assignment',
  'ARCH_INCLUDE=amd64 arm64 source exits 127 before the log opens',
  (sb) => `${base(sb)}ARCH_INCLUDE=amd64 arm64 source\n`,
  (o) => {
    assert.equal(o.code, 127);
    assert.match(o.stderr, /arm64: command not found/);
    assert.equal(o.log, '');
  },
);
add(
  'ftpsync/local-assignment',
  'declare RSYNC_HOST=… is gone after read_config',
  (sb) => base(sb).replace('RSYNC_HOST=', 'declare RSYNC_HOST='),
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /Missing a host to mirror from/);
  },
);
add(
  'ftpsync/stops-ftpsync',
  '${BASEDIR} is unbound under the package',
  (sb) => `${base(sb)}LOGDIR="\${BASEDIR}/log"\n`,
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /BASEDIR: unbound variable/);
  },
);
add(
  'ftpsync/carriage-return',
  'CR LF line ends break every value',
  (sb) => base(sb).replace(/\n/g, '\r\n'),
  (o) => {
    assert.notEqual(o.code, 0);
    assert.equal(o.sandbox.trace(), undefined);
  },
);
add(
  'ftpsync/syntax',
  'an unterminated quote stops ftpsync (exit 2)',
  (sb) => `${base(sb)}EXCLUDE="--exclude=*.iso\n`,
  (o) => {
    assert.equal(o.code, 2);
    assert.match(o.stderr, /unexpected EOF while looking for matching/);
  },
);
add(
  'ftpsync/missing-rsync-host',
  'RSYNC_HOST= as in the sample',
  (sb) => base(sb).replace(/^RSYNC_HOST=.*$/m, 'RSYNC_HOST='),
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /Missing a host to mirror from/);
  },
);
add(
  'ftpsync/rsync-host-form',
  'RSYNC_HOST with ::module',
  (sb) => base(sb, { RSYNC_HOST: '127.0.0.1::debian' }),
  (o) => {
    assert.notEqual(o.code, 0);
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /Unknown module 'debian::debian'/);
  },
);
add(
  'ftpsync/rsync-host-form',
  'RSYNC_HOST with rsync://',
  (sb) => base(sb, { RSYNC_HOST: 'rsync://127.0.0.1' }),
  (o) => {
    assert.notEqual(o.code, 0);
    assert.equal(o.sandbox.trace(), undefined);
  },
);
add(
  'ftpsync/credentials-incomplete',
  'RSYNC_USER without RSYNC_PASSWORD',
  (sb) => base(sb).replace(/^RSYNC_PASSWORD=.*\n/m, ''),
  (o) => {
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /@ERROR: auth failed on module debian/);
  },
);
add(
  'ftpsync/credentials-incomplete',
  'RSYNC_PASSWORD without RSYNC_USER logs in as LOGNAME',
  (sb) => base(sb).replace(/^RSYNC_USER=.*\n/m, ''),
  (o) => {
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /@ERROR: auth failed on module debian/);
  },
);
add(
  'ftpsync/unknown-transport',
  'RSYNC_TRANSPORT=rsync',
  (sb) => base(sb, { RSYNC_TRANSPORT: 'rsync' }),
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /Unknown rsync transport configured \(rsync\)/);
  },
);
add(
  'ftpsync/arch-include-and-exclude',
  'both architecture lists',
  (sb) => base(sb, { ARCH_INCLUDE: 'amd64 source', ARCH_EXCLUDE: 'i386' }),
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /mutually exclusive/);
  },
);
add(
  'ftpsync/ignored-variable',
  'LOCK= is ignored',
  (sb) => base(sb, { LOCK: path.join(path.dirname(sb.home), 'my.lock') }),
  (o) => {
    assert.equal(o.code, 0);
    assert.ok(!fs.existsSync(path.join(path.dirname(o.sandbox.home), 'my.lock')));
  },
);
add(
  'ftpsync/mirrorname-unset',
  'the trace is named after hostname -f',
  (sb) => base(sb).replace(/^MIRRORNAME=.*\n/m, ''),
  (o) => {
    const fqdn = execFileSync('hostname', ['-f'], { encoding: 'utf8' }).trim();
    assert.ok(o.sandbox.trace(fqdn), `no trace named ${fqdn}`);
  },
);
add(
  'ftpsync/mirrorname-not-site-name',
  'MIRRORNAME="Tietar" names the trace Tietar',
  (sb) => base(sb, { MIRRORNAME: 'Tietar' }),
  (o) => {
    assert.ok(o.sandbox.trace('Tietar'));
  },
);
add(
  'ftpsync/options-drop-defaults',
  'RSYNC_OPTIONS without --safe-links copies a symlink to /etc',
  (sb) => base(sb, { RSYNC_OPTIONS: '-prltvHSB8192 --timeout 120 --stats --no-human-readable' }),
  (o) => {
    assert.equal(fs.readlinkSync(path.join(o.sandbox.to, 'pool/main/h/hello/evil')), '/etc/hostname');
  },
);
add(
  'ftpsync/not-a-number',
  'RSYNC_BW=abc',
  (sb) => base(sb, { RSYNC_BW: 'abc' }),
  (o) => {
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /--bwlimit=abc is invalid/);
  },
);
add(
  'ftpsync/not-a-number',
  'LOGROTATE=abc fails the run after syncing',
  (sb) => base(sb, { LOGROTATE: 'abc' }),
  (o) => {
    assert.equal(o.code, 1);
    assert.ok(o.sandbox.trace(), 'the sync itself ran');
  },
);
add(
  'ftpsync/not-an-option',
  'EXCLUDE="*.iso" becomes a file argument',
  (sb) => base(sb, { EXCLUDE: '*.iso' }),
  (o) => {
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /Unexpected remote arg/);
  },
);
add(
  'ftpsync/bad-filter-rule',
  'EXCLUDE="--filter=*.iso"',
  (sb) => base(sb, { EXCLUDE: '--filter=*.iso' }),
  (o) => {
    assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /Unknown filter rule: \*\.iso/);
  },
);
add(
  'ftpsync/exclude-arch-or-suite',
  'EXCLUDE="--exclude=binary-i386/" keeps i386 packages and claims ALL',
  (sb) => base(sb, { EXCLUDE: '--exclude=binary-i386/' }),
  (o) => {
    assert.ok(o.pool.includes('hello_1.0_i386.deb'));
    assert.match(o.sandbox.trace()!, /^Architectures-Configuration: ALL$/m);
  },
);
add(
  'ftpsync/unknown-architecture',
  'ARCH_EXCLUDE="x86_64" excludes nothing',
  (sb) => base(sb, { ARCH_EXCLUDE: 'x86_64' }),
  (o) => {
    assert.deepEqual(o.pool, ALL);
  },
);
add(
  'ftpsync/unknown-variable',
  'ARCH_EXLUDE="i386" is not read',
  (sb) => `${base(sb)}ARCH_EXLUDE="i386"\n`,
  (o) => {
    assert.deepEqual(o.pool, ALL);
  },
);
add(
  'ftpsync/source-excluded',
  'ARCH_EXCLUDE="source" leaves out the sources',
  (sb) => base(sb, { ARCH_EXCLUDE: 'source' }),
  (o) => {
    assert.ok(!o.pool.includes('hello_1.0.dsc') && o.pool.includes('hello_1.0_amd64.deb'));
  },
);
add(
  'ftpsync/bad-country',
  'INFO_COUNTRY=Germany goes into the trace as written',
  (sb) => base(sb, { INFO_COUNTRY: 'Germany' }),
  (o) => {
    assert.match(o.sandbox.trace()!, /^Country: Germany$/m);
  },
);
add(
  'ftpsync/dangerous-to',
  'TO=$HOME: the second pass deletes the home, the config included',
  (sb) => base(sb, { TO: sb.home }),
  (o) => {
    assert.ok(!fs.existsSync(path.join(o.sandbox.confDir, 'ftpsync.conf')), 'the config survived');
  },
);
add(
  'ftpsync/to-not-directory',
  'TO is a file',
  (sb) => {
    const file = path.join(path.dirname(sb.home), 'afile');
    fs.writeFileSync(file, 'x');
    return base(sb, { TO: file });
  },
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /Not a directory/);
  },
);
add(
  'ftpsync/logdir-not-creatable',
  'LOGDIR under a file',
  (sb) => {
    const file = path.join(path.dirname(sb.home), 'afile');
    fs.writeFileSync(file, 'x');
    return base(sb, { LOGDIR: path.join(file, 'log') });
  },
  (o) => {
    assert.equal(o.code, 1);
    assert.match(o.stderr, /cannot create directory/);
  },
);

describe('each rule proved with the real ftpsync and rsync', () => {
  it('a config Push Mirror calls clean syncs, and --safe-links keeps the upstream symlink out', async () => {
    const o = await attempt((sb) => base(sb));
    try {
      assert.deepEqual(o.codes, []);
      assert.equal(o.code, 0, o.log);
      assert.deepEqual(o.pool, ALL);
      assert.match(o.sandbox.trace()!, /^Archive serial: \d+$/m);
    } finally {
      o.sandbox.dispose();
    }
  });

  for (const c of cases) {
    it(`${c.rule}: ${c.title}`, async () => {
      const o = await attempt(c.make);
      try {
        assert.ok(o.codes.includes(c.rule), `Push Mirror said ${JSON.stringify(o.codes)}`);
        c.observe(o);
      } finally {
        o.sandbox.dispose();
      }
    });
  }

  it('ftpsync/not-a-number: UIPRETRIES=x stops ftpsync when the upstream is updating', async () => {
    const auip = path.join(upstream.archive, 'Archive-Update-in-Progress-upstream.example.org');
    fs.writeFileSync(auip, '');
    try {
      const o = await attempt((sb) => base(sb, { UIPRETRIES: 'x', UIPSLEEP: '1' }));
      try {
        assert.ok(o.codes.includes('ftpsync/not-a-number'));
        assert.notEqual(o.code, 0);
        assert.match(o.log, /Upstream archive update in progress, skipping stage2/);
        assert.doesNotMatch(o.log, /Retrying update/);
      } finally {
        o.sandbox.dispose();
      }
    } finally {
      fs.rmSync(auip, { force: true });
    }
  });

  it("upstream checks: the password the upstream's secrets file does not hold fails every login", async () => {
    const workspace: WorkspaceDocument[] = [
      {
        uri: 'file://x/rsyncd.conf',
        path: upstream.daemon.configFile,
        languageId: 'rsyncd-conf',
        text: fs.readFileSync(upstream.daemon.configFile, 'utf8'),
      },
      {
        uri: 'file://x/rsyncd.secrets',
        path: path.join(upstream.daemon.dir, 'rsyncd.secrets'),
        languageId: 'rsyncd-secrets',
        text: fs.readFileSync(path.join(upstream.daemon.dir, 'rsyncd.secrets'), 'utf8'),
      },
    ];
    const good = await attempt((sb) => base(sb), { workspace });
    const wrong = await attempt((sb) => base(sb, { RSYNC_PASSWORD: 'not-it' }), { workspace });
    const user = await attempt((sb) => base(sb, { RSYNC_USER: 'eu9' }), { workspace });
    const module = await attempt((sb) => base(sb, { RSYNC_PATH: 'debian-nope' }), { workspace });
    try {
      assert.deepEqual(good.codes, []);
      assert.equal(good.code, 0);
      assert.ok(wrong.codes.includes('ftpsync/password-mismatch'));
      assert.ok(user.codes.includes('ftpsync/user-not-allowed'));
      assert.ok(module.codes.includes('ftpsync/unknown-module'));
      for (const o of [wrong, user])
        assert.match(o.sandbox.readLog('rsync-ftpsync.error.0'), /auth failed on module debian/);
      assert.match(module.sandbox.readLog('rsync-ftpsync.error.0'), /Unknown module 'debian-nope'/);
      for (const o of [good, wrong, user, module])
        for (const m of o.messages) assert.ok(!m.includes(upstream.password) && !m.includes('not-it'));
    } finally {
      for (const o of [good, wrong, user, module]) o.sandbox.dispose();
    }
  });
});
