import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { KnownHosts } from '../../../src/engine/knownHosts/knownHosts';
import type { Downstream, PlanEntry } from '../../../src/engine/ssh/downstream';
import { Signaller } from '../../../src/engine/ssh/fanout';
import { loadPushSetup } from '../../../src/engine/ssh/setup';
import { fromText } from '../../../src/engine/ssh/sshConfig';
import {
  configFor,
  FtpsyncSandbox,
  publish as publishMaster,
  startUpstream,
  type Upstream,
} from '../../support/ftpsync';
import { run } from '../../support/process';
import { ensureTestUser, generateKey, Sshd, TEST_USER, type KeyPair } from '../../support/sshd';
import { startStaticServer, type StaticServer } from './static';

// The two-mirror lab, on loopback only. Upstream: the real rsync daemon with `auth users` and a 0600
// secrets file serving a tiny Debian-shaped archive. Downstream "good": the test user of a private
// sshd whose authorized_keys holds the trigger key, `restrict,command="<wrapper>"`, the wrapper
// setting HOME/LOGNAME for a sandboxed ftpsync home and exec'ing the real /usr/bin/ftpsync, which pulls
// from the daemon with its account; a second key (`restrict`, no command) reads its log. Downstream
// "broken": the same on its own sshd, but its forced command names a program that is not there.
// Node's http serves both archive roots, so their traces and markers read as on real mirrors.

export type LabBreak = 'forced-command' | 'rsync-auth' | 'ssh-key' | 'trace-url';
export const LAB_BREAKS: readonly LabBreak[] = ['forced-command', 'rsync-auth', 'ssh-key', 'trace-url'];

export interface LabOptions {
  /**
   * Seconds each sync of "good" sleeps between its stages (a HOOK2 script), so a push can arrive during
   * it. The same hook waits there while the test holds the syncs (`holdSyncs`).
   */
  slowSyncSeconds?: number;
  /** Break one link of the good downstream's chain. */
  break?: LabBreak;
}

export interface LabDownstream {
  name: string;
  /** MIRRORNAME: names its trace and lock files. */
  site: string;
  sandbox: FtpsyncSandbox;
  sshd: Sshd;
  /** The forced command in its authorized_keys. */
  command: string;
  traceUrl: string;
}

const SUITE = 'dists/bookworm/main';
/** A held sync goes on by itself after this long, so a test that fails while holding it ends. */
const HOLD_SECONDS = 120;
const HOLD_FILE = 'hold-syncs';

/** Compressed indices, as a real archive has: ftpsync's `Architectures` counts only Packages.* / Sources.*. */
function compressIndices(archive: string): void {
  for (const arch of ['amd64', 'arm64', 'i386'])
    fs.writeFileSync(
      path.join(archive, SUITE, `binary-${arch}`, 'Packages.xz'),
      zlib.gzipSync(`Architecture: ${arch}\n`),
    );
  fs.writeFileSync(path.join(archive, SUITE, 'source', 'Sources.xz'), zlib.gzipSync('Package: hello\n'));
}

function wrapper(file: string, sandbox: FtpsyncSandbox): void {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      "# The downstream's forced command: the real ftpsync in the lab's sandboxed home.",
      `HOME=${q(sandbox.home)} LOGNAME=archvsync PATH=/usr/bin:/bin`,
      'export HOME LOGNAME PATH',
      'exec /usr/bin/ftpsync "$@"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}

export class Lab {
  private serial = 2026120601;

  private constructor(
    readonly dir: string,
    readonly upstream: Upstream,
    readonly good: LabDownstream,
    readonly broken: LabDownstream,
    readonly http: StaticServer,
    readonly triggerKey: KeyPair,
    readonly logKey: KeyPair,
    readonly knownHosts: string,
    readonly mirrorList: string,
    readonly inventory: string,
  ) {}

  static async start(options: LabOptions = {}): Promise<Lab> {
    if (process.getuid?.() !== 0) throw new Error('the lab needs root: it starts private sshds for a test user');
    const user = await ensureTestUser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lab-'));
    fs.chmodSync(dir, 0o755);
    const cleanups: (() => Promise<void> | void)[] = [() => fs.rmSync(dir, { recursive: true, force: true })];
    try {
      const upstream = await startUpstream();
      cleanups.push(() => upstream.dispose());
      compressIndices(upstream.archive);
      publishMaster(upstream.archive, '2026120601');
      const keys = path.join(dir, 'keys');
      fs.mkdirSync(keys, { mode: 0o700 });
      const triggerKey = await generateKey(keys, 'pushmirror');
      const logKey = await generateKey(keys, 'log-reader');

      const make = async (name: string, site: string, address: string, extra: Record<string, string>) => {
        const sandbox = new FtpsyncSandbox(fs.mkdtempSync(path.join(dir, `${name}-`)));
        sandbox.writeConfig(configFor(upstream, sandbox.to, { MIRRORNAME: site, TRACEHOST: site, ...extra }));
        // Its first sync, before the lab starts pushing: a downstream that already mirrors.
        const first = await sandbox.run({ args: ['-T', 'cron'] });
        if (first.code !== 0) throw new Error(`first sync of ${name} failed: ${first.stdout}${first.log}`);
        await run('chown', ['-R', `${user.uid}:${user.gid}`, path.dirname(sandbox.home)]);
        const sshd = await Sshd.start({ addresses: [address], logLevel: 'INFO' });
        cleanups.push(() => sshd.dispose());
        return { name, site, sandbox, sshd };
      };
      // A hook must be one word: ftpsync splits `HOOK2="sleep 2"` into `local HOOKSCR=sleep 2` and dies.
      const slow = path.join(dir, 'slow-hook');
      fs.writeFileSync(
        slow,
        [
          '#!/bin/sh',
          `sleep ${options.slowSyncSeconds ?? 0}`,
          `n=0; while [ -e '${path.join(dir, HOLD_FILE)}' ] && [ $n -lt ${HOLD_SECONDS * 5} ]; do sleep 0.2; n=$((n + 1)); done`,
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      const hook: Record<string, string> = options.slowSyncSeconds ? { HOOK2: slow } : {};
      const goodBase = await make('good', 'downstream.example.org', '127.0.0.1', hook);
      const brokenBase = await make('broken', 'broken.example.org', '127.0.1.2', {});
      const goodWrapper = path.join(dir, 'ftpsync-good');
      wrapper(goodWrapper, goodBase.sandbox);

      const http = await startStaticServer({ good: goodBase.sandbox.to, broken: brokenBase.sandbox.to });
      cleanups.push(() => http.close());
      const b = options.break;
      const good: LabDownstream = {
        ...goodBase,
        command: b === 'forced-command' ? path.join(dir, 'bin', 'ftpsync') : goodWrapper,
        traceUrl: http.url('good', `project/trace/${b === 'trace-url' ? 'mirror.example.org' : goodBase.site}`),
      };
      const broken: LabDownstream = {
        ...brokenBase,
        // Moved to the Debian package, but the key still names the old archvsync path.
        command: path.join(dir, 'bin', 'ftpsync'),
        traceUrl: http.url('broken', `project/trace/${brokenBase.site}`),
      };
      if (b === 'rsync-auth')
        fs.appendFileSync(path.join(good.sandbox.confDir, 'ftpsync.conf'), 'RSYNC_PASSWORD="not-the-password"\n');
      const trigger = (d: LabDownstream) => `restrict,command="${d.command}" ${triggerKey.line}\n`;
      const reader = `restrict,from="127.0.0.1" ${logKey.line}\n`;
      good.sshd.writeAuthorizedKeys(`${b === 'ssh-key' ? '' : trigger(good)}${reader}`);
      broken.sshd.writeAuthorizedKeys(trigger(broken));

      const knownHosts = path.join(dir, 'known_hosts');
      fs.writeFileSync(knownHosts, [good, broken].map((d) => fs.readFileSync(d.sshd.knownHosts, 'utf8')).join(''));
      const mirrorList = path.join(dir, 'runmirrors.mirror');
      fs.writeFileSync(
        mirrorList,
        [good, broken].map((d) => `all ${d.name} ${d.sshd.addresses[0]} ${TEST_USER} -p ${d.sshd.port}\n`).join(''),
      );
      const inventory = path.join(dir, 'pushmirror.yaml');
      const lab = new Lab(dir, upstream, good, broken, http, triggerKey, logKey, knownHosts, mirrorList, inventory);
      fs.writeFileSync(inventory, lab.inventoryText('trace'));
      lab.cleanups = cleanups;
      lab.hooked = !!options.slowSyncSeconds;
      return lab;
    } catch (error) {
      for (const c of cleanups.reverse()) await c();
      throw error;
    }
  }

  private cleanups: (() => Promise<void> | void)[] = [];
  private hooked = false;

  /**
   * Holds the good downstream's syncs in their HOOK2, after stage 1: its lock taken, its trace not yet
   * written, until the function returned is called (or HOLD_SECONDS pass). Needs slowSyncSeconds.
   */
  holdSyncs(): () => void {
    if (!this.hooked) throw new Error('holdSyncs needs a lab started with slowSyncSeconds (its HOOK2 waits)');
    const file = path.join(this.dir, HOLD_FILE);
    fs.writeFileSync(file, '');
    return () => fs.rmSync(file, { force: true });
  }

  /** pushmirror.yaml: the trace URLs (`trace`), or the good downstream's log over ssh only (`log`). */
  inventoryText(kind: 'trace' | 'log'): string {
    const good =
      kind === 'trace'
        ? [`    traceUrl: ${this.good.traceUrl}`]
        : [
            '    log:',
            `      path: ${path.join(this.good.sandbox.logDir, 'ftpsync.log')}`,
            `      host: ${this.good.sshd.addresses[0]}`,
            `      port: ${this.good.sshd.port}`,
            `      user: ${TEST_USER}`,
            `      identityFile: ${this.logKey.privateKey}`,
          ];
    return [
      'version: 1',
      'downstreams:',
      '  good:',
      ...good,
      '  broken:',
      `    traceUrl: ${this.broken.traceUrl}`,
      '',
    ].join('\n');
  }

  /** dak's next run upstream: a new master trace. Returns its serial. */
  publish(): string {
    this.serial++;
    publishMaster(this.upstream.archive, String(this.serial));
    return String(this.serial);
  }

  /** `push-mirror signal` options for this lab (strict known_hosts, no ssh config, the trigger key). */
  signalArgs(): string[] {
    return [
      '--mirror-list',
      this.mirrorList,
      '--key',
      this.triggerKey.privateKey,
      '--known-hosts',
      this.knownHosts,
      '--only-known-hosts',
      '--ssh-config',
      'none',
      '--log-dir',
      path.join(this.dir, 'runmirrors-log'),
      '--inventory',
      this.inventory,
    ];
  }

  plan(...names: string[]): PlanEntry[] {
    const setup = loadPushSetup({
      mirrorList: this.mirrorList,
      keyFile: this.triggerKey.privateKey,
      knownHosts: [this.knownHosts],
      onlyKnownHosts: true,
      sshConfig: 'none',
    });
    return setup.entries.filter((e) => names.includes((e as Downstream).name));
  }

  /** A fresh signaller: a second push comes from a second runmirrors run, not a coalesced one. */
  signaller(): Signaller {
    return new Signaller({
      knownHosts: new KnownHosts([this.knownHosts]),
      sshConfig: fromText(''),
      defaultKeyFile: this.triggerKey.privateKey,
    });
  }

  /**
   * The good downstream's ftpsync runs from its own log: `Mirrorsync start`/`done` as epoch ms (local
   * time, this year) and how many stage-1 passes each made (a push during a sync adds one).
   */
  runs(): { start: number; done?: number; passes: number }[] {
    const text = ['ftpsync.log.1', 'ftpsync.log.0', 'ftpsync.log'].map((f) => this.good.sandbox.readLog(f)).join('');
    const year = new Date().getFullYear();
    const out: { pid: string; start: number; done?: number; passes: number }[] = [];
    for (const line of text.split('\n')) {
      const m = /^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) \S+ \S*\[(\d+)\]:? (.*)$/.exec(line);
      if (!m) continue;
      const t = new Date(`${m[1]} ${year}`).getTime();
      if (m[3] === 'Mirrorsync start') out.push({ pid: m[2]!, start: t, passes: 0 });
      const run = [...out].reverse().find((r) => r.pid === m[2]);
      if (!run) continue;
      if (m[3]!.startsWith('Running stage1:')) run.passes++;
      if (m[3]!.startsWith('Mirrorsync done')) run.done = t;
    }
    return out.map(({ start, done, passes }) => ({ start, ...(done ? { done } : {}), passes }));
  }

  /** Leaves an Archive-Update-in-Progress of a killed run on the good downstream: a dead PID, hours old. */
  async leaveStaleLock(ageMs: number): Promise<string> {
    const dead = await run('sh', ['-c', 'echo $$']);
    const file = path.join(this.good.sandbox.to, `Archive-Update-in-Progress-${this.good.site}`);
    fs.writeFileSync(file, dead.stdout);
    const then = new Date(Date.now() - ageMs);
    fs.utimesSync(file, then, then);
    const user = await ensureTestUser();
    fs.chownSync(file, user.uid, user.gid);
    return file;
  }

  async dispose(): Promise<void> {
    for (const c of this.cleanups.reverse()) await c();
  }
}
