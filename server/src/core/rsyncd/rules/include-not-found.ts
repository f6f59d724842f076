import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { daemonPath } from '../includes';
import { besideConfig, relativeNote } from './fs';
import { quote } from './util';

export const includeNotFound = defineRule<RsyncdDocument>({
  code: 'rsyncd/include-not-found',
  severity: 'warning',
  summary: '`&include`/`&merge` path that does not exist or cannot be read on this machine.',
  docs: [
    'A path rsync cannot read ends the parse: before the first module the daemon refuses to start (exit 1), inside a module every',
    'client connection fails. A directory is read for its `*.conf` (`&include`) or `*.inc` (`&merge`) files only. Checked on this',
    "machine, hence a warning. A relative path is opened from the daemon's working directory, not from the folder of the file",
    "that names it; it is checked from `/`, where systemd (Debian's `rsync.service`) and inetd start the daemon. When it exists",
    'only beside this file, the quick fix writes it as an absolute path.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    for (const e of docIndex(doc).directives) {
      if (e.name !== 'include' && e.name !== 'merge') continue;
      if (!ctx.host || e.argument === '') continue;
      const effect = e.section.beforeFirstHeader ? 'the daemon refuses to start' : 'every client connection fails';
      const path = daemonPath(e.argument);
      const st = ctx.host.stat(path);
      if (!st?.exists && path !== e.argument) {
        const { hint, fixes } = besideConfig(ctx, e.argument, e.argumentSpan);
        report(
          e.argumentSpan,
          `${relativeNote(e.argument, path)}, which does not exist on this machine, so ${effect}.${hint}`,
          { fixes },
        );
      } else if (!st?.exists) {
        report(
          e.argumentSpan,
          `${quote(e.argument)} does not exist on this machine; if it is missing on the daemon's host too, ${effect}.`,
        );
      } else if (st.readable === false) {
        report(
          e.argumentSpan,
          `${quote(e.argument)} is not readable here; if the daemon cannot read it either, ${effect}.`,
        );
      } else if (st.isDirectory) {
        const suffix = e.name === 'include' ? '.conf' : '.inc';
        const files = ctx.host.readDir(path);
        if (files && !files.some((f) => f.endsWith(suffix))) {
          report(
            e.argumentSpan,
            `${quote(e.argument)} holds no \`*${suffix}\` file on this machine; \`&${e.name}\` of a directory reads only those.`,
          );
        }
      }
    }
  },
});
