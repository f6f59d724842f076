import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import {} from './util';

export const emptyParameterName = defineRule<RsyncdDocument>({
  code: 'rsyncd/empty-parameter-name',
  severity: 'error',
  summary: 'Line starting with `=`: "Invalid parameter name", fatal to the whole file.',
  docs: [
    'A line whose name is empty (it starts with `=`) ends the parse with `Invalid parameter name`. Before the first module the daemon',
    'refuses to start (exit 1); inside a module every client connection fails.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const e of docIndex(doc).emptyNames) {
      const effect = e.section.beforeFirstHeader
        ? 'the daemon refuses to start (exit 1)'
        : 'every client connection fails';
      report(
        e.span,
        `a line starting with \`=\` has no parameter name: rsync stops with "Invalid parameter name" and ${effect}.`,
      );
    }
  },
});
