import { defineRule } from '../../rule';
import { cleanLines, expiry } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const keyExpired = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/key-expired',
  severity: 'warning',
  summary: 'The `expiry-time` has passed; sshd refuses this line.',
  docs: [
    'After its earliest `expiry-time` sshd refuses the line ("entry expired", DEBUG level only) and tries the next line with the',
    "same key. Times without `Z` are the server's local time; this check uses the local time of the machine it runs on.",
    'Remove the line, or renew the key and set a new `expiry-time`.',
  ],
  check(doc, report, ctx) {
    if (ctx.now === undefined) return;
    for (const line of cleanLines(doc.lines)) {
      const e = expiry(line);
      if (!e || e.at >= ctx.now) continue;
      report(
        e.item.valueSpan ?? e.item,
        `This key expired on ${new Date(e.at)
          .toISOString()
          .replace('T', ' ')
          .replace(/:00\.000Z$/, ' UTC')}: sshd refuses this line.`,
      );
    }
  },
});
