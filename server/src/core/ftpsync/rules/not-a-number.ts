import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { known, quote, valueSpanOf } from './util';

/** What each numeric setting accepts, and what happens otherwise (ftpsync 20180513 and rsync 3.5.0). */
const NUMBERS: Readonly<Record<string, { ok: RegExp; effect: string }>> = {
  // rsync's --bwlimit takes a size with an optional K/M/G/T/P suffix (rsync 3.1+).
  RSYNC_BW: {
    ok: /^\d+(?:\.\d+)?(?:[KMGTPkmgtp](?:i?[Bb])?)?$/,
    effect: 'rsync rejects `--bwlimit` ("--bwlimit=… is invalid", observed) and every sync fails',
  },
  LOGROTATE: {
    ok: /^\d+$/,
    effect:
      'the sync runs, then ftpsync fails while rotating its logs (`set -u`, exit 1, observed), so every run reports an error and the logs are not rotated',
  },
  UIPRETRIES: {
    ok: /^\d+$/,
    effect: 'when the upstream is updating, ftpsync fails on the comparison and exits instead of retrying (observed)',
  },
  UIPSLEEP: {
    ok: /^\d+(?:\.\d+)?[smhd]?$/,
    effect: 'when the upstream is updating, `sleep` rejects it and ftpsync exits',
  },
  LOCKTIMEOUT: { ok: /^\d+$/, effect: 'the stale-lock check fails (only on bash older than 4 without /proc)' },
  RSYNC_SSL_PORT: { ok: /^\d{1,5}$/, effect: 'the TLS tunnel cannot connect' },
};

export const notANumber = defineRule<FtpsyncDoc>({
  code: 'ftpsync/not-a-number',
  severity: 'error',
  summary: 'RSYNC_BW, LOGROTATE, UIPSLEEP, UIPRETRIES, LOCKTIMEOUT or RSYNC_SSL_PORT that is not a number.',
  docs: [
    'ftpsync uses these in arithmetic tests (`[[ ${count} -gt 0 ]]`, where bash reads a word as a variable name, unset under',
    '`set -u`) or hands them to rsync and sleep. RSYNC_BW is KB/s for `--bwlimit`, which also accepts a suffix (`10M`);',
    '`RSYNC_BW="10 MB"` splits into two words and the second becomes a file argument ("Unexpected remote arg"); `abc` is',
    'rejected ("--bwlimit=abc is invalid"). `LOGROTATE=abc` lets the sync run, then fails in log rotation (exit 1). All observed.',
  ],
  check(doc, report) {
    for (const [name, spec] of Object.entries(NUMBERS)) {
      const setting = known(doc, name);
      if (!setting || setting.value === '' || spec.ok.test(setting.value)) continue;
      report(valueSpanOf(setting.assignment), `${name}=${quote(setting.value)} is not a number: ${spec.effect}.`);
    }
  },
});
