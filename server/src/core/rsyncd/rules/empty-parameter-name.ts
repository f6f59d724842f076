import { docIndex } from '../doc-index';
import { rsyncdRule } from './util';

export const emptyParameterName = rsyncdRule(
  'empty-parameter-name',
  'error',
  'Line starting with `=`: "Invalid parameter name", fatal to the whole file.',
  [
    'A line whose name is empty (it starts with `=`) ends the parse with `Invalid parameter name`. Before the first module the daemon',
    'refuses to start (exit 1); inside a module every client connection fails.',
  ],
  (doc, report) => {
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
);
