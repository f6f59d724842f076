import { docIndex } from '../doc-index';
import { quote, rsyncdRule } from './util';

export const includeNotFound = rsyncdRule(
  'include-not-found',
  'warning',
  '`&include`/`&merge` path that does not exist or cannot be read on this machine.',
  [
    'A path rsync cannot read ends the parse: before the first module the daemon refuses to start (exit 1), inside a module every',
    'client connection fails. A directory is read for its `*.conf` (`&include`) or `*.inc` (`&merge`) files only. Checked on this',
    'machine, hence a warning; relative paths (resolved against the daemon\'s working directory) are not checked.',
  ],
  (doc, report, ctx) => {
    for (const e of docIndex(doc).directives) {
      if (e.name !== 'include' && e.name !== 'merge') continue;
      if (!ctx.host || !e.argument.startsWith('/')) continue;
      const effect = e.section.beforeFirstHeader ? 'the daemon refuses to start' : 'every client connection fails';
      const st = ctx.host.stat(e.argument);
      if (!st?.exists) {
        report(e.argumentSpan, `${quote(e.argument)} does not exist on this machine; if it is missing on the daemon's host too, ${effect}.`);
      } else if (st.readable === false) {
        report(e.argumentSpan, `${quote(e.argument)} is not readable here; if the daemon cannot read it either, ${effect}.`);
      } else if (st.isDirectory) {
        const suffix = e.name === 'include' ? '.conf' : '.inc';
        const files = ctx.host.readDir(e.argument);
        if (files && !files.some((f) => f.endsWith(suffix))) {
          report(e.argumentSpan, `${quote(e.argument)} holds no \`*${suffix}\` file on this machine; \`&${e.name}\` of a directory reads only those.`);
        }
      }
    }
  },
);
