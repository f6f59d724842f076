import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { standardTimeOffsetMs } from '../../../server/src/core/authkeys/values';
import { authorizedKeysService } from '../../../server/src/core/authkeys/service';
import { generateKey, Sshd, type KeyPair } from '../../support/sshd';

// expiry-time without Z is local time, and sshd hands mktime tm_isdst = 0: during daylight saving time
// the value is read as standard time, an hour later than the wall clock. This file runs sshd and our
// checker in a zone that is on summer time today (Sydney or Berlin: one of them always is).

const ZONE = ['Australia/Sydney', 'Europe/Berlin'].find((zone) => {
  process.env.TZ = zone;
  return new Date().getTimezoneOffset() * 60000 !== standardTimeOffsetMs(Date.now());
})!;

let sshd: Sshd;
let dir: string;
let key: KeyPair;

before(async () => {
  process.env.TZ = ZONE; // inherited by sshd
  sshd = await Sshd.start({ logLevel: 'DEBUG1' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-authkeys-dst-'));
  key = await generateKey(dir, 'ed');
});
after(async () => {
  await sshd?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The local wall-clock time `minutes` from now as YYYYMMDDHHMM. */
function wallClock(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}${two(d.getHours())}${two(d.getMinutes())}`;
}

test(`expiry-time in summer time is read as standard time (${ZONE})`, async () => {
  assert.ok(ZONE, 'no zone on summer time');
  // 30 minutes ago on the wall clock is 30 minutes from now in standard time: still valid.
  // 90 minutes ago on the wall clock is 30 minutes ago in standard time: expired.
  for (const [minutes, loggedIn] of [
    [-30, true],
    [-90, false],
  ] as const) {
    const line = `expiry-time="${wallClock(minutes)}" ${key.line}\n`;
    const expired = authorizedKeysService
      .validate(line, { now: Date.now() })
      .some((p) => p.code === 'authkeys/key-expired');
    sshd.writeAuthorizedKeys(line);
    const r = await sshd.ssh(key.privateKey, ['true']);
    assert.equal(r.code === 0, loggedIn, `${line} ${r.stderr}`);
    assert.equal(expired, !loggedIn, line);
  }
});
