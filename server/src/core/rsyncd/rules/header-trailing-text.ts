import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { quote } from './util';

export const headerTrailingText = defineRule<RsyncdDocument>({
  code: 'rsyncd/header-trailing-text',
  severity: 'information',
  summary: "Text after a section header's `]`; rsync ignores it.",
  docs: [
    'Everything after the first `]` of a header is skipped: `[mod] read only = no` is just the module `mod`, and the setting is lost.',
  ],
  scope: 'section',
  check: (doc, report) => {
    for (const e of docIndex(doc).headers) {
      if (!e.trailing) continue;
      const text = doc.text.slice(e.trailing.start, e.trailing.end);
      const lost = text.includes('=') && !/^[#;]/.test(text);
      report(
        e.trailing,
        `rsync ignores ${quote(text)} after the header${lost ? '; put the setting on its own line' : ''}.`,
        {
          unnecessary: true,
          fixes: lost
            ? [
                {
                  title: 'Move to its own line',
                  edits: [{ start: e.trailing.start, end: e.trailing.start, newText: '\n' }],
                },
              ]
            : [],
        },
      );
    }
  },
});
