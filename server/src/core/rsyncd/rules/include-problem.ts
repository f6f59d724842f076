import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { expansion } from '../includes';
import {} from './util';

export const includeProblem = defineRule<RsyncdDocument>({
  code: 'rsyncd/include-problem',
  severity: 'error',
  summary: '`&include`/`&merge` with an empty path; fatal to the whole file.',
  docs: [
    '`&include FILE` reads FILE with its own copy of the globals (its global settings do not leak out); `&merge FILE` reads it inline.',
    'A directory argument reads its `*.conf` files (`&include`) or `*.inc` files (`&merge`) in name order, other files are skipped.',
    'A path that cannot be read ends the parse: before the first module the daemon refuses to start (exit 1), inside a module every',
    'client connection fails. Missing files are reported by `rsyncd/include-not-found`.',
  ],
  check: (doc, report, ctx) => {
    for (const loop of expansion(doc, ctx).loops) {
      const effect = loop.directive.section.beforeFirstHeader
        ? 'the daemon refuses to start'
        : 'every client connection fails';
      report(loop.directive.span, `\`&${loop.directive.name}\`: ${loop.message}${loop.fatal ? `, so ${effect}` : ''}.`);
    }
    for (const e of docIndex(doc).directives) {
      if (e.name !== 'include' && e.name !== 'merge') continue;
      const effect = e.section.beforeFirstHeader ? 'the daemon refuses to start' : 'every client connection fails';
      if (e.argument === '') {
        report(e.span, `\`&${e.name}\` with an empty path: rsync cannot read it and ${effect}.`);
        continue;
      }
    }
  },
});
