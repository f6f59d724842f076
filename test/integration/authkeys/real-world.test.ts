import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { effectiveOptions } from '../../../server/src/core/authkeys/analysis';
import { parseAuthorizedKeys } from '../../../server/src/core/authkeys/parser';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import { Sshd } from '../../support/sshd';
import {
  expandFixture,
  keyOfLine,
  readFixture,
  realWorldFixtures,
  type KeySet,
} from '../../unit/authkeys/real-world-keys';
import { generateFixtureKeys, observe, type Observation } from './real-world-oracle';

// The differential suite on real-world authorized_keys lines (test/fixtures/authkeys/real-world/,
// sources in SOURCES.md): every key line of every fixture is installed on its own in a private sshd's
// authorized_keys and its key is offered (public key only, see real-world-oracle.ts). What sshd did
// is recorded below per line, and checked against our diagnostics of the same line:
//   - a line we mark with an error is never accepted;
//   - a line sshd refuses for its own content gets an error or a warning that says it refuses it;
//   - for an accepted line, the permissions and the forced command sshd logs equal ours.
// Refusals that depend on the client rather than the line (`from=` lists of documentation addresses,
// a CA line whose principals the test certificate lacks) only show that sshd read the line.

let sshd: Sshd;
let dir: string;
let keys: KeySet;
let identity: Record<string, string[]>;

before(async () => {
  // DEBUG2: sshd says `advance` when it cannot read a line's key at all.
  sshd = await Sshd.start({ logLevel: 'DEBUG2' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-authkeys-rw-'));
  ({ keys, identity } = await generateFixtureKeys(dir));
});
after(async () => {
  await sshd?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Refusals caused by where the test client stands, not by the line. */
const ENVIRONMENTAL = new Set(['not from a permitted host', 'Certificate does not contain an authorized principal']);
/** Warnings that say sshd refuses a login although it reads the line. */
const REFUSING_WARNINGS = new Set([
  'authkeys/key-expired',
  'authkeys/from-hostname',
  'authkeys/dsa-key',
  'authkeys/list-entry-never-matches',
]);

/** What sshd 9.2 did with each key line (1-based line numbers), observed with this test. */
const SSHD: Record<string, Record<number, string>> = {
  'backup-and-deploy.authorized_keys': {
    2: 'accepted',
    4: 'accepted',
    6: 'accepted',
    8: 'accepted',
    10: 'accepted',
    12: 'refused: advance',
  },
  'bom.authorized_keys': { 1: 'refused: unknown key option', 2: 'accepted' },
  'cloud-and-tunnels.authorized_keys': {
    2: 'accepted',
    4: 'accepted',
    6: 'accepted',
    8: 'refused: invalid permission port',
    10: 'accepted',
  },
  'debian-push-mirror.authorized_keys': {
    3: 'refused: not from a permitted host',
    5: 'accepted',
    7: 'accepted',
    9: 'accepted',
    11: 'refused: not from a permitted host',
  },
  'expiry-and-environment.authorized_keys': {
    1: 'refused: entry expired',
    2: 'accepted',
    3: 'refused: not from a permitted host',
    4: 'refused: invalid expires time',
    5: 'accepted',
    6: 'accepted',
  },
  'forges.authorized_keys': { 2: 'accepted', 3: 'accepted', 6: 'accepted', 8: 'accepted', 9: 'accepted' },
  'forwarding.authorized_keys': {
    1: 'accepted',
    2: 'accepted',
    3: 'accepted',
    4: 'accepted',
    5: 'accepted',
    6: 'refused: invalid permission port',
  },
  'from-patterns.authorized_keys': {
    2: 'refused: not from a permitted host',
    4: 'refused: not from a permitted host',
    6: 'refused: not from a permitted host',
    8: 'refused: not from a permitted host',
    10: 'refused: invalid from criteria',
    12: 'refused: invalid from criteria',
    14: 'refused: not from a permitted host',
    16: 'refused: not from a permitted host',
  },
  'key-types.authorized_keys': {
    2: 'accepted',
    3: 'accepted',
    4: 'accepted',
    5: 'accepted',
    6: 'accepted',
    7: 'accepted',
    8: 'accepted',
    9: 'refused: signature algorithm ssh-dss not in PubkeyAcceptedAlgorithms',
    10: 'accepted',
    11: 'accepted',
    13: 'refused: advance',
    15: 'accepted',
  },
  'pasted-wrong.authorized_keys': {
    4: 'accepted',
    6: 'refused: advance',
    7: 'refused: advance',
    11: 'refused: advance',
    18: 'refused: advance',
    20: 'accepted',
    21: 'accepted',
  },
  'quoted-commands.authorized_keys': {
    2: 'refused: not from a permitted host',
    3: 'accepted',
    4: 'accepted',
    5: 'accepted',
    6: 'accepted',
    7: 'refused: invalid key option string',
  },
  'sshd-manpage-examples.authorized_keys': {
    3: 'accepted',
    5: 'accepted',
    7: 'accepted',
    9: 'accepted',
    11: 'accepted',
    13: 'accepted',
    15: 'accepted',
    17: 'accepted',
    19: 'refused: Certificate does not contain an authorized principal',
    22: 'refused: not from a permitted host',
    23: 'refused: signature algorithm ssh-dss not in PubkeyAcceptedAlgorithms',
  },
  'windows-crlf.authorized_keys': {
    3: 'accepted',
    4: 'accepted',
    5: 'accepted',
    6: 'refused: advance',
    7: 'refused: advance',
    8: 'refused: missing start quote',
    9: 'accepted',
  },
};

function outcome(o: Observation): string {
  return o.accepted ? 'accepted' : `refused: ${o.reason ?? 'no reason logged'}`;
}

/** The permissions of `key options:` that our effective options model. */
function ourFlags(text: string): string[] {
  const [line] = parseAuthorizedKeys(text).lines;
  const e = effectiveOptions(line);
  return [
    e.agentForwarding && 'agent-forwarding',
    e.command && 'command',
    e.portForwarding && 'port-forwarding',
    e.pty && 'pty',
    e.userRc && 'user-rc',
    e.x11Forwarding && 'x11-forwarding',
  ].filter((f): f is string => !!f);
}

const MODELLED = new Set(['agent-forwarding', 'command', 'port-forwarding', 'pty', 'user-rc', 'x11-forwarding']);

test('real-world authorized_keys lines: sshd reads each as we say', async () => {
  const failures: string[] = [];
  let lines = 0;
  for (const fixture of realWorldFixtures()) {
    const raw = readFixture(fixture);
    const eol = raw.includes('\r\n') ? '\r\n' : '\n';
    const expected = SSHD[fixture] ?? {};
    const seen = new Set<number>();
    for (const [i, rawLine] of raw.split('\n').entries()) {
      const key = keyOfLine(rawLine);
      if (!key) continue;
      const no = i + 1;
      seen.add(no);
      lines++;
      // The line alone, with the file's line end (and the BOM when it is the file's first line).
      const text = `${expandFixture(rawLine.replace(/\r$/, ''), keys)}${eol}`;
      const o = await observe(sshd, text, identity[key.name]);
      const got = outcome(o);
      const problems = authorizedKeysService.validate(text, { now: Date.now() });
      const errors = problems.filter((p) => p.severity === 'error').map((p) => p.code);
      const refusing = problems.filter((p) => REFUSING_WARNINGS.has(p.code)).map((p) => p.code);
      const why = `${fixture}:${no} ${JSON.stringify(text.slice(0, 140))}\n    sshd: ${got}\n    ours: ${problems.map((p) => `${p.severity} ${p.code}`).join(', ') || 'none'}`;
      if (got !== expected[no]) failures.push(`expected sshd ${expected[no] ?? '(no expectation)'} — ${why}`);
      if (o.accepted && errors.length) failures.push(`we report an error on a line sshd accepts — ${why}`);
      const reason = o.reason ?? '';
      if (!o.accepted && !ENVIRONMENTAL.has(reason) && !errors.length && !refusing.length)
        failures.push(`sshd refuses (${reason || 'silently'}) and we say nothing that explains it — ${why}`);
      if (o.accepted) {
        const theirs = (o.flags ?? []).filter((f) => MODELLED.has(f));
        const ours = ourFlags(text);
        if (theirs.join(' ') !== ours.join(' '))
          failures.push(`options in effect differ: sshd ${theirs.join(' ')}, ours ${ours.join(' ')} — ${why}`);
        const command = effectiveOptions(parseAuthorizedKeys(text).lines[0]).command?.value;
        const same = o.commandCut
          ? command?.startsWith(o.command ?? '') && (o.command?.length ?? 0) > 500
          : o.command === command;
        if (!same)
          failures.push(
            `forced command differs: sshd ${JSON.stringify(o.command)}, ours ${JSON.stringify(command)} — ${why}`,
          );
      }
    }
    for (const no of Object.keys(expected).map(Number))
      if (!seen.has(no)) failures.push(`${fixture}:${no} has an expectation but no key line`);
  }
  assert.ok(lines >= 60, `only ${lines} key lines`);
  assert.deepEqual(failures, []);
});

test('real-world files as a whole: the line sshd uses for a key is one we call clean, never a "never used" duplicate', async () => {
  const failures: string[] = [];
  for (const fixture of realWorldFixtures()) {
    const text = expandFixture(readFixture(fixture), keys);
    const problems = authorizedKeysService.validate(text, { now: Date.now() });
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const names = [
      ...new Set(
        readFixture(fixture)
          .split('\n')
          .map((l) => keyOfLine(l)?.name)
          .filter((n): n is string => !!n),
      ),
    ];
    for (const name of names) {
      const o = await observe(sshd, text, identity[name]);
      const at = /found at \S+:(\d+)/.exec(o.log)?.[1];
      if (!o.accepted || !at) continue;
      const bad = problems.filter(
        (p) => lineOf(p.start) === Number(at) && (p.severity === 'error' || p.code === 'authkeys/duplicate-key'),
      );
      if (bad.length)
        failures.push(`${fixture}: sshd uses line ${at} for ${name}, we say ${bad.map((p) => p.code).join(', ')}`);
    }
  }
  assert.deepEqual(failures, []);
});
