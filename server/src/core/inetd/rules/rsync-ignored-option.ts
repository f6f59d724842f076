import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { IGNORED_UNDER_INETD } from '../rsync';
import { rsyncEntries, show } from './util';

export const rsyncIgnoredOption = defineRule<InetdDocument>({
  code: 'inetd/rsync-ignored-option',
  severity: 'warning',
  summary: '`--port`, `--address`, `--detach` and `--no-detach` do nothing for a daemon started by inetd.',
  docs: [
    'inetd owns the listening socket and starts one rsync per connection, so the options that tell a standalone',
    'daemon where to listen and whether to detach have no effect (rsync(1): a daemon with a socket on standard',
    'input serves that connection). `--port=9999` still serves on the port inetd listens on (rsync 3.5.0 under',
    'openbsd-inetd observed). The same holds for `port` and `address` in rsyncd.conf.',
    '',
    'Choose the port with the service field (`rsync` is 873 in /etc/services, or write a number) and the',
    'address with `host:` before it (`192.0.2.10:rsync`).',
  ],
  check(doc, report) {
    for (const { rsync } of rsyncEntries(doc)) {
      for (const option of rsync.options) {
        const why = IGNORED_UNDER_INETD[option.name];
        if (!why) continue;
        const span = { start: option.word.start, end: option.value?.end ?? option.word.end };
        report(span, `${show(option.name)} has no effect under inetd: ${why}.`, { unnecessary: true });
      }
    }
  },
});
