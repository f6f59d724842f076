import { docIndex } from '../doc-index';
import { parameterAtStart, parameterNamedBy } from '../parameters';
import { quote, rsyncdRule } from './util';

export const lineWithoutEquals = rsyncdRule(
  'line-without-equals',
  'error',
  'Line with no `=`; rsync logs "Ignoring badly formed line" and skips it.',
  [
    'Every setting needs `name = value`. A line without `=` (including `&include` with no file) is logged as',
    '`Ignoring badly formed line in config file` and skipped. A byte order mark in front of the first header turns it into such a line.',
  ],
  (doc, report) => {
    for (const e of docIndex(doc).noEquals) {
      if (e.text.startsWith('\uFEFF')) continue; // reported by rsyncd/byte-order-mark
      // A bare parameter name (`ignore errors`, Samba style) sets nothing; rsync needs `= yes`.
      const whole = parameterNamedBy(e.text);
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
      const known = parameterAtStart(e.text);
      const hint = e.directive
        ? ' A directive needs a file or directory argument.'
        : known
          ? ` Did you mean ${quote(known.info.name + ' = ' + known.rest)}?`
          : '';
      report(e.span, `no \`=\` on this line: rsync ignores it ("Ignoring badly formed line").${hint}`);
    }
  },
);
