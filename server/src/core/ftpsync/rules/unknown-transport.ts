import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { known, quote, valueSpanOf } from './util';

export const unknownTransport = defineRule<FtpsyncDoc>({
  code: 'ftpsync/unknown-transport',
  severity: 'error',
  summary: 'RSYNC_TRANSPORT other than `ssh` or `ssl`: ftpsync refuses to run.',
  docs: [
    'ftpsync knows `ssh` (the daemon over ssh), `ssl` (through rsync-ssl-tunnel) and, when unset, a plain daemon connection.',
    'Any other value stops it with "Unknown rsync transport configured (VALUE)" (exit 1, observed with `rsync`) before it',
    'opens its log. Leave it unset for a plain `rsync://` daemon.',
  ],
  check(doc, report) {
    const setting = known(doc, 'RSYNC_TRANSPORT');
    if (!setting?.value || ['ssh', 'ssl', 'undefined'].includes(setting.value)) return;
    report(
      valueSpanOf(setting.assignment),
      `RSYNC_TRANSPORT=${quote(setting.value)}: ftpsync exits with "Unknown rsync transport configured" (observed). Use \`ssh\` or \`ssl\`, or leave it unset for a plain rsync daemon.`,
    );
  },
});
