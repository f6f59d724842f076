import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseDateLine } from '../../../server/src/core/trace/dates';

// The date line against the mirror checker's own parser: Python's strptime with the two formats of
// dmt/checks.py, run once over every case. Skipped only where python3 is missing.

const CASES = [
  'Sun Dec  6 20:46:57 UTC 2026',
  'Tue Oct 30 03:25:38 GMT 2012',
  'Sunday December 6 20:46:57 UTC 2026',
  'Sun December 6 20:46:57 UTC 2026',
  'sun dec 06 20:46:57 utc 2026',
  'SUN DEC 06 20:46:57 Gmt 2026',
  'Sun Dec 6 1:2:3 UTC 2026',
  'Sun Dec\t6 20:46:57 UTC 2026',
  'Sun   Dec 6   20:46:57   UTC   2026',
  'Sun Dec  6 20:46:57 UTC 2026\r',
  'Sun Dec  6 20:46:57 UTC 2026 ',
  ' Sun Dec  6 20:46:57 UTC 2026',
  'Sun Feb 31 20:46:57 UTC 2026',
  'Mon Feb 29 00:00:00 UTC 2027',
  'Tue Feb 29 00:00:00 UTC 2028',
  'Sun Dec  6 24:00:00 UTC 2026',
  'Sun Dec  6 20:60:00 UTC 2026',
  'Sun Dec  6 20:46:60 UTC 2026',
  'Sun Dec  6 20:46:61 UTC 2026',
  'Sun Dec 32 20:46:57 UTC 2026',
  'Sun Dec 00 20:46:57 UTC 2026',
  'Sun Dec  6 20:46:57 UTC 26',
  'Sun Dec  6 20:46:57 UTC 02026',
  'Sun Dec  6 20:46:57 CET 2026',
  'Sun Dec  6 20:46:57 2026',
  'Sun Dec  6 20:46 UTC 2026',
  'Xyz Dec  6 20:46:57 UTC 2026',
  'Date: Sun, 06 Dec 2026 20:46:57 +0000',
  '',
];

const PY = `
import datetime, json, sys
out = []
for c in json.load(sys.stdin):
    ts = None
    for f in ('%a %b %d %H:%M:%S UTC %Y', '%a %b %d %H:%M:%S GMT %Y'):
        try:
            ts = datetime.datetime.strptime(c, f).replace(tzinfo=datetime.timezone.utc).timestamp() * 1000
            break
        except ValueError:
            pass
    out.append(ts)
print(json.dumps(out))
`;

const python = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' });

test(
  'the date line is read exactly as the mirror checker reads it',
  { skip: python.status !== 0 && 'python3 is missing' },
  () => {
    const r = spawnSync('python3', ['-c', PY], {
      input: JSON.stringify(CASES),
      encoding: 'utf8',
      env: { LC_ALL: 'C', PATH: process.env.PATH },
    });
    assert.equal(r.status, 0, r.stderr);
    const expected = JSON.parse(r.stdout) as (number | null)[];
    CASES.forEach((c, i) => assert.equal(parseDateLine(c) ?? null, expected[i], JSON.stringify(c)));
  },
);
