import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import {} from './util';

const WHY = {
  empty: 'an empty section name',
  unterminated: 'a header without `]`',
  slash: 'a module name with `/`',
} as const;

export const brokenHeader = defineRule<RsyncdDocument>({
  code: 'rsyncd/broken-header',
  severity: 'error',
  summary: 'Section header rsync cannot read (`[]`, `[mod` without `]`, `[a/b]`); every client connection fails.',
  docs: [
    'rsync reads the whole file again for every client connection. `[]`, a `[` without a closing `]` on the same logical line, or',
    'a name containing `/` makes that parse fail, so **every connection fails** ("did not see server greeting" or a reset).',
    'The daemon starts anyway, because at startup it reads only up to the first `[`.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const e of docIndex(doc).headers) {
      if (!e.error) continue;
      const fixes =
        e.error === 'unterminated'
          ? [
              {
                title: 'Add the closing `]`',
                preferred: true,
                edits: [{ start: e.span.end, end: e.span.end, newText: ']' }],
              },
            ]
          : [];
      report(
        e.span,
        `${WHY[e.error]}: rsync stops reading the file here, so every client connection fails (the daemon still starts).`,
        { fixes },
      );
    }
  },
});
