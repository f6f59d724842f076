// Each inetd.conf rule against Debian's real inetd (openbsd-inetd 0.20221205) starting the real rsync
// 3.5.0 daemon, on 127.0.0.1 and ::1: what a client sees and what inetd and rsync log, next to what
// Push Mirror reports for the same line. A case that works must get no problem; a case that breaks
// must get the rule that explains it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inetdService } from '../../../server/src/core/inetd/service';
import { CachedHost } from '../../../server/src/node/host';
import { Inetd, inetdUnavailable } from '../../support/inetd';
import { freePort } from '../../support/process';

interface Case {
  name: string;
  /** The lines for this case; `{P}` is its port, `{{DIR}}` the scratch dir (with rsyncd.conf in it). */
  lines: string;
  /** Where a client connects (`v6`: [::1]); none: nothing to connect to. */
  probe?: 'v4' | 'v6';
  serves: boolean;
  /** What the client prints, when it is the evidence. */
  client?: RegExp;
  /** What inetd or rsync logs. */
  syslog?: RegExp;
  debug?: RegExp;
  rules: string[];
}

const RSYNC = '/usr/bin/rsync';
const CONF = '--config={{DIR}}/rsyncd.conf';
const line = (rest: string, host = '127.0.0.1') => `${host}:{P} stream tcp nowait root ${rest}`;

const CASES: Case[] = [
  { name: "the seed's line", lines: line(`${RSYNC} rsyncd --daemon ${CONF}`), probe: 'v4', serves: true, rules: [] },
  {
    name: '--daemon in argv[0]',
    lines: line(`${RSYNC} --daemon ${CONF}`),
    probe: 'v4',
    serves: false,
    client: /Daemon option\(s\) used without --daemon/,
    rules: ['inetd/missing-argv0'],
  },
  {
    name: 'no --daemon',
    lines: line(`${RSYNC} rsyncd ${CONF}`),
    probe: 'v4',
    serves: false,
    client: /Daemon option\(s\) used without --daemon/,
    rules: ['inetd/rsync-without-daemon'],
  },
  {
    name: 'no arguments at all',
    lines: line(RSYNC),
    probe: 'v4',
    serves: false,
    // rsync prints its version and exits; the reset may reach the client before the text does.
    client: /server sent "rsync +version|Connection reset by peer/,
    rules: ['inetd/rsync-without-daemon'],
  },
  {
    name: 'a program without a path',
    lines: line(`rsync rsyncd --daemon ${CONF}`),
    probe: 'v4',
    serves: false,
    syslog: /execv rsync: No such file or directory/,
    rules: ['inetd/relative-server'],
  },
  {
    name: 'a program that does not exist',
    lines: line(`{{DIR}}/bin/rsync rsyncd --daemon ${CONF}`),
    probe: 'v4',
    serves: false,
    syslog: /execv \S+\/bin\/rsync: No such file or directory/,
    rules: ['inetd/server-not-found'],
  },
  {
    name: 'an unknown user',
    lines: `127.0.0.1:{P} stream tcp nowait pm-no-such-user ${RSYNC} rsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: false,
    syslog: /getpwnam: pm-no-such-user: No such user/,
    rules: ['inetd/unknown-user'],
  },
  {
    name: 'a config file that does not exist',
    lines: line(`${RSYNC} rsyncd --daemon --config={{DIR}}/missing.conf`),
    probe: 'v4',
    serves: false,
    syslog: /unable to open config file "\S+\/missing\.conf": No such file or directory/,
    rules: ['inetd/rsync-config-not-found'],
  },
  {
    name: 'a relative config file is read from /',
    lines: line(`${RSYNC} rsyncd --daemon --config=pm-missing-rsyncd.conf`),
    probe: 'v4',
    serves: false,
    syslog: /unable to open config file "pm-missing-rsyncd\.conf"/,
    rules: ['inetd/rsync-config-not-found'],
  },
  {
    name: '--port under inetd',
    lines: line(`${RSYNC} rsyncd --daemon --port=9 ${CONF}`),
    probe: 'v4',
    serves: true,
    rules: ['inetd/rsync-ignored-option'],
  },
  {
    name: 'a misspelt nowait is nowait',
    lines: `127.0.0.1:{P} stream tcp nowiat root ${RSYNC} rsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: true,
    rules: ['inetd/bad-wait'],
  },
  {
    name: 'a bad rate is 256',
    lines: `127.0.0.1:{P} stream tcp nowait.x root ${RSYNC} rsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: true,
    syslog: /illegal max field "x", setting to 256/,
    rules: ['inetd/bad-wait'],
  },
  {
    name: 'a CRLF line ending',
    lines: `${line(`${RSYNC} rsyncd --daemon ${CONF}`)}\r`,
    probe: 'v4',
    serves: false,
    syslog: /unable to open config file "\S+\/rsyncd\.conf\r?"/,
    rules: ['inetd/crlf'],
  },
  {
    name: 'an unknown socket type',
    lines: `127.0.0.1:{P} streem tcp nowait root ${RSYNC} rsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: false,
    syslog: /\{P\}\/tcp: 127\.0\.0\.1: ai_socktype not supported/,
    rules: ['inetd/unknown-socket-type'],
  },
  {
    name: 'a line without its program',
    lines: '127.0.0.1:{P} stream tcp nowait root',
    probe: 'v4',
    serves: false,
    syslog: /syntax error in inetd config file/,
    rules: ['inetd/missing-field'],
  },
  {
    name: 'a service name /etc/services does not know',
    lines: `127.0.0.1:pm-no-such-service stream tcp nowait root ${RSYNC} rsyncd --daemon ${CONF}`,
    serves: false,
    syslog: /pm-no-such-service\/tcp: unknown service/,
    rules: ['inetd/unknown-service'],
  },
  {
    name: 'the same service twice: the later line wins',
    lines: `${line(`${RSYNC} rsyncd --daemon ${CONF}`)}\n${line(`${RSYNC} rsyncd --daemon --config={{DIR}}/later.conf`)}`,
    probe: 'v4',
    serves: false,
    debug: /^REDO: 127\.0\.0\.1:\{P\} /m,
    syslog: /later\.conf/,
    rules: ['inetd/duplicate-service', 'inetd/rsync-config-not-found'],
  },
  {
    name: 'an indented # line: more arguments, not a comment',
    lines: `${line(`${RSYNC} rsyncd --daemon ${CONF}`)}\n  # --config={{DIR}}/commented.conf`,
    probe: 'v4',
    serves: false,
    syslog: /commented\.conf/,
    rules: ['inetd/indented-comment', 'inetd/rsync-config-not-found'],
  },
  {
    name: 'a continuation line over IPv4 (tcp4): read',
    lines: `127.0.0.1:{P} stream tcp4 nowait root ${RSYNC}\n\trsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: true,
    rules: [],
  },
  {
    name: 'a continuation line of a tcp entry: lost over IPv6',
    lines: `[::1]:{P} stream tcp nowait root ${RSYNC}\n\trsyncd --daemon ${CONF}`,
    probe: 'v6',
    serves: false,
    client: /server sent "rsync +version|Connection reset by peer/,
    rules: ['inetd/continuation-line'],
  },
  {
    name: 'a continuation line of a tcp6 entry: read',
    lines: `[::1]:{P} stream tcp6 nowait root ${RSYNC}\n\trsyncd --daemon ${CONF}`,
    probe: 'v6',
    serves: true,
    rules: [],
  },
  {
    name: 'wait: rsync gets the listening socket',
    lines: `127.0.0.1:{P} stream tcp wait root ${RSYNC} rsyncd --daemon ${CONF}`,
    probe: 'v4',
    serves: false,
    debug: /(someone wants \{P\}\n(?:.*\n)*){5}/,
    rules: ['inetd/rsync-socket'],
  },
];

const unavailable = inetdUnavailable();
const ipv6 = new Promise<boolean>((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(false));
  s.listen(0, '::1', () => s.close(() => resolve(true)));
});

/** What Push Mirror reports for the case's lines alone, checked against this machine. */
function rulesFor(text: string): string[] {
  return [...new Set(inetdService.validate(text, { host: new CachedHost() }).map((p) => p.code))].sort();
}

function writeModule(dir: string): void {
  fs.mkdirSync(path.join(dir, 'pub'));
  fs.writeFileSync(path.join(dir, 'pub', 'file'), 'data\n');
  fs.writeFileSync(path.join(dir, 'rsyncd.conf'), `use chroot = no\n[pub]\n  path = ${dir}/pub\n  read only = yes\n`);
}

describe('inetd.conf rules against the real openbsd-inetd and rsync', { skip: unavailable }, () => {
  let inetd: Inetd;
  const ports = new Map<Case, number>();
  const texts = new Map<Case, string>();

  before(async () => {
    const cases = (await ipv6) ? CASES : CASES.filter((c) => c.probe !== 'v6');
    for (const c of cases) ports.set(c, await freePort());
    const body = cases.map((c) => c.lines.replaceAll('{P}', String(ports.get(c)))).join('\n');
    // The scratch dir is known once inetd starts; write its config now and the module before probing.
    inetd = await Inetd.start(`# generated by the differential test\n${body}\n`, {
      adds: cases.filter((c) => c.probe && c.serves).length,
    });
    writeModule(inetd.dir);
    for (const c of cases)
      texts.set(c, `${c.lines.replaceAll('{P}', String(ports.get(c))).replaceAll('{{DIR}}', inetd.dir)}\n`);
  });
  after(async () => {
    await inetd?.stop();
  });

  for (const c of CASES) {
    it(c.name, async (t) => {
      if (!ports.has(c)) return t.skip('optional: no IPv6 loopback here');
      const port = String(ports.get(c));
      const expect = (re: RegExp) => new RegExp(re.source.replaceAll('\\{P\\}', port), re.flags);
      if (c.probe) {
        const address = c.probe === 'v6' ? `[::1]:${port}` : `127.0.0.1:${port}`;
        const result = await inetd.listModules(address);
        assert.equal(result.ok && /^pub\b/m.test(result.output), c.serves, `client: ${result.output}`);
        if (c.client) assert.match(result.output, c.client);
      }
      if (c.syslog) assert.match(await inetd.waitForLog('syslog', expect(c.syslog)), expect(c.syslog));
      if (c.debug) assert.match(await inetd.waitForLog('debug', expect(c.debug)), expect(c.debug));
      assert.deepEqual(rulesFor(texts.get(c)!), [...c.rules].sort());
    });
  }
});

describe('an empty line before an indented line', { skip: unavailable }, () => {
  it("makes Debian's inetd loop forever: no service in the file answers", async () => {
    const [first, second] = [await freePort(), await freePort()];
    const text = `127.0.0.1:${first} stream tcp nowait root ${RSYNC} rsyncd --daemon ${CONF}\n\n  127.0.0.1:${second} stream tcp nowait root ${RSYNC} rsyncd --daemon ${CONF}\n`;
    const inetd = await Inetd.start(text, { adds: 1, waitMs: 2000 });
    try {
      writeModule(inetd.dir);
      const probe = await inetd.listModules(`127.0.0.1:${first}`);
      assert.equal(probe.ok, false, `the line above the empty one is not served either: ${probe.output}`);
      // An idle inetd uses next to no CPU; this one has been spinning for the seconds the probe waited.
      const cpu = inetd.cpuSeconds();
      assert.ok(cpu > 0.25, `inetd spins on the CPU (${cpu} s)`);
      assert.deepEqual(rulesFor(text.replaceAll('{{DIR}}', inetd.dir)), ['inetd/endless-loop']);
    } finally {
      await inetd.stop();
    }
  });
});
