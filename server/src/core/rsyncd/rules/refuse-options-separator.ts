import { forEachValue, rsyncdRule } from './util';

export const refuseOptionsSeparator = rsyncdRule(
  'refuse-options-separator',
  'error',
  '`refuse options` separated by commas or tabs; such a token refuses nothing.',
  [
    '`refuse options` is split on **spaces only**. `delete,checksum` is one token that matches no option: rsync logs',
    '`No match for refuse-options string "delete,checksum"` when a client connects and refuses **nothing**. Tabs do not split either.',
    'Separate the names with spaces: `refuse options = delete checksum`.',
  ],
  (doc, report) => {
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
);
