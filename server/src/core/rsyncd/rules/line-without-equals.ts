import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { docIndex } from '../doc-index';
import { parameterByKey } from '../parameters';
import { parameterKey } from '../parser';
import { quote } from './util';

export const lineWithoutEquals = defineRule<RsyncdDocument>({
  code: 'rsyncd/line-without-equals',
  severity: 'error',
  summary: 'Line with no `=`; rsync logs "Ignoring badly formed line" and skips it.',
  docs: [
    'Every setting needs `name = value`. A line without `=` (including `&include` with no file) is logged as',
    '`Ignoring badly formed line in config file` and skipped. A byte order mark in front of the first header turns it into such a line.',
  ],
  check: (doc, report) => {
    for (const e of docIndex(doc).noEquals) {
      if (e.text.startsWith('\uFEFF')) continue; // reported by rsyncd/byte-order-mark
      const words = e.text.split(' ');
      // A bare parameter name (`ignore errors`, Samba style) sets nothing; rsync needs `= yes`.
      const whole = parameterByKey(parameterKey(e.text));
      if (whole && !e.directive) {
        const value = whole.type === 'bool' || whole.type === 'bool3' ? 'yes' : '…';
        report(
          e.span,
          `no \`=\` on this line: rsync ignores it ("Ignoring badly formed line"), so ${quote(whole.name)} keeps its default (${whole.default}). Write ${quote(`${whole.name} = ${value}`)}.`,
          {
            fixes:
              value === 'yes'
                ? [
                    {
                      title: `Change to \`${whole.name} = yes\``,
                      preferred: true,
                      edits: [{ start: e.span.end, end: e.span.end, newText: ' = yes' }],
                    },
                  ]
                : [],
          },
        );
        continue;
      }
      let known: string | undefined;
      for (let n = words.length - 1; n >= 1 && !known; n--) {
        known = parameterByKey(parameterKey(words.slice(0, n).join(' ')))?.name;
      }
      const hint = e.directive
        ? ' A directive needs a file or directory argument.'
        : known
          ? ` Did you mean ${quote(known + ' = ' + words.slice(known.split(' ').length).join(' '))}?`
          : '';
      report(e.span, `no \`=\` on this line: rsync ignores it ("Ignoring badly formed line").${hint}`);
    }
  },
});
