import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { closest } from '../../text';
import { quote } from './util';

export const unknownDirective = defineRule<RsyncdDocument>({
  code: 'rsyncd/unknown-directive',
  severity: 'error',
  summary: 'Directive other than `&include` or `&merge`; fatal to the whole file.',
  docs: [
    'A line starting with `&` is a directive; its name ends at the first space or tab (an optional `=` may follow). Only `&include`',
    'and `&merge` exist (any case). Anything else logs `Unknown directive` and ends the parse: before the first module the daemon',
    'refuses to start, inside a module every client connection fails.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const e of docIndex(doc).directives) {
      if (e.name === 'include' || e.name === 'merge') continue;
      const near = closest(e.name, ['include', 'merge']);
      const effect = e.section.beforeFirstHeader ? 'the daemon refuses to start' : 'every client connection fails';
      report(
        e.nameSpan.end > e.nameSpan.start ? { start: e.nameSpan.start - 1, end: e.nameSpan.end } : e.span,
        `unknown directive ${quote('&' + e.name)}${near.length ? `; did you mean ${quote('&' + near[0])}?` : ''} rsync stops reading here and ${effect}.`,
        {
          fixes: near
            .slice(0, 1)
            .map((n) => ({ title: `Change to \`&${n}\``, preferred: true, edits: [{ ...e.nameSpan, newText: n }] })),
        },
      );
    }
  },
});
