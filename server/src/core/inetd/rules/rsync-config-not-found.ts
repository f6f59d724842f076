import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { DEFAULT_RSYNCD_CONF } from '../rsync';
import { rsyncEntries, show } from './util';

export const rsyncConfigNotFound = defineRule<InetdDocument>({
  code: 'inetd/rsync-config-not-found',
  severity: 'error',
  summary: 'The rsyncd.conf this line makes the daemon read does not exist on this machine: every connection fails.',
  docs: [
    'rsync started by inetd reads its config for every connection: the file named by `--config` (`--config=FILE`',
    `or \`--config FILE\`), else \`${DEFAULT_RSYNCD_CONF}\`. A relative path is read from inetd\'s working directory, \`/\`.`,
    'When the file is missing the client sees the connection reset and the log says `unable to open config file',
    '"/etc/rsyncd.conf": No such file or directory` (rsync 3.5.0 under openbsd-inetd observed).',
    '',
    'Checked against this machine when `pushMirror.checkFileSystem` is on.',
  ],
  check(doc, report, ctx) {
    const host = ctx.host;
    if (!host) return;
    for (const { rsync } of rsyncEntries(doc)) {
      if (!rsync.daemon) continue;
      const facts = host.stat(rsync.configPath);
      if (facts?.exists && !facts.isDirectory) continue;
      const what = facts?.isDirectory ? 'is a directory' : 'does not exist on this machine';
      if (rsync.config?.value) {
        const relative = rsync.config.value.value.startsWith('/') ? '' : ` (relative paths are read from \`/\`)`;
        report(
          rsync.config.value,
          `${show(rsync.configPath)}${relative} ${what}: the daemon fails every connection ("unable to open config file").`,
        );
      } else
        report(
          rsync.daemon.word,
          `no \`--config\`: the daemon reads ${show(DEFAULT_RSYNCD_CONF)}, which ${what}; every connection fails ("unable to open config file").`,
        );
    }
  },
});
