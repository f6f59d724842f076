import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { forEachValue } from './util';

export const refuseOptionsSeparator = defineRule<RsyncdDocument>({
  code: 'rsyncd/refuse-options-separator',
  severity: 'error',
  summary: '`refuse options` separated by commas or tabs; such a token refuses nothing.',
  docs: [
    '`refuse options` is split on **spaces only**. `delete,checksum` is one token that matches no option: rsync logs',
    '`No match for refuse-options string "delete,checksum"` when a client connects and refuses **nothing**. Tabs do not split either.',
    'Separate the names with spaces: `refuse options = delete checksum`.',
  ],
  scope: 'section',
  check: (doc, report) => {
    // Only the part before a trailing `# comment` (rsyncd/comment-in-value reports that one).
    const beforeComment = (value: string) => value.slice(0, /\s[#;]/.exec(value)?.index ?? value.length);
    forEachValue(
      doc,
      ['refuseoptions'],
      (value) => /[,\t]/.test(beforeComment(value)) || undefined,
      (p) => {
        const fixed = p.value
          .split(/[\s,]+/)
          .filter(Boolean)
          .join(' ');
        report(
          p.valueSpan,
          'refuse options are separated by spaces only: a token with a comma or tab matches no option, so rsync refuses nothing for it.',
          {
            fixes: [
              {
                title: 'Separate the options with spaces',
                preferred: true,
                edits: [{ ...p.valueSpan, newText: fixed }],
              },
            ],
          },
        );
      },
    );
  },
});
