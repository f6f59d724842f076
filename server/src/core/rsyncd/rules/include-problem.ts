import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion } from '../includes';

export const includeProblem = defineRule<RsyncdDocument>({
  code: 'rsyncd/include-problem',
  severity: 'error',
  summary: '`&include`/`&merge` with an empty path, an unreadable file or a cycle; fatal to the whole file.',
  docs: [
    '`&include FILE` reads FILE with its own copy of the globals (its global settings do not leak out); `&merge FILE` reads it inline.',
    'A directory argument reads its `*.conf` files (`&include`) or `*.inc` files (`&merge`) in name order, other files are skipped.',
    'A path that cannot be read ends the parse: before the first module the daemon refuses to start (exit 1), inside a module every',
    'client connection fails. Missing files are reported by `rsyncd/include-not-found`.',
    '',
    'A file that includes itself, directly or through a directory that holds it, makes rsync 3.5.0 recurse until it crashes',
    '(it has no cycle check): the daemon refuses to start, or every connection fails. Push Mirror stops at the first cycle,',
    'and stops following includes past 1,000 files, 16 MiB or 8 levels, with a note.',
  ],
  check: (doc, report, ctx) => {
    for (const loop of expansion(doc, ctx).loops) {
      const effect = loop.directive.section.beforeFirstHeader
        ? 'the daemon refuses to start'
        : 'every client connection fails';
      report(loop.directive.span, `\`&${loop.directive.name}\`: ${loop.message}${loop.fatal ? `, so ${effect}` : ''}.`);
    }
    // The sections' own lists, not the document index: this rule runs on the whole text after every edit.
    for (const section of doc.sections)
      for (const e of section.directives) {
        if ((e.name !== 'include' && e.name !== 'merge') || e.argument !== '') continue;
        const effect = section.beforeFirstHeader ? 'the daemon refuses to start' : 'every client connection fails';
        report(e.span, `\`&${e.name}\` with an empty path: rsync cannot read it and ${effect}.`);
      }
  },
});
