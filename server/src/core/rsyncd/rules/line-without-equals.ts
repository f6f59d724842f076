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
  scope: 'section',
  check: (doc, report) => {
    for (const e of docIndex(doc).noEquals) {
      if (e.text.startsWith('\uFEFF')) continue; // reported by rsyncd/byte-order-mark
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
      // The most leading words (not all) that name a parameter, the rest being the value. rsync ignores
      // blanks in names (`r e a d only`), so the key grows word by word; no name comes near 64 letters,
      // so longer prefixes are not tried: linear in the line (every prefix joined anew took 51 s for 117 KB).
      let known: string | undefined;
      let rest = '';
      let key = '';
      for (let at = 0, space = e.text.indexOf(' '); space >= 0 && key.length <= 64; space = e.text.indexOf(' ', at)) {
        key += parameterKey(e.text.slice(at, space));
        at = space + 1;
        const found = parameterByKey(key);
        if (found) [known, rest] = [found.name, e.text.slice(at)];
      }
      const hint = e.directive
        ? ' A directive needs a file or directory argument.'
        : known
          ? ` Did you mean ${quote(known + ' = ' + rest)}?`
          : '';
      report(e.span, `no \`=\` on this line: rsync ignores it ("Ignoring badly formed line").${hint}`);
    }
  },
});
