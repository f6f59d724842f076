import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import {} from './util';

export const byteOrderMark = defineRule<RsyncdDocument>({
  code: 'rsyncd/byte-order-mark',
  severity: 'error',
  summary: 'UTF-8 byte order mark at the start; rsync cannot read the first line.',
  docs: [
    'rsync does not know about byte order marks. `\\xEF\\xBB\\xBF[mod]` is not a header but a "badly formed line", so the',
    'parameters after it land in the global part and the module **silently disappears**. Save the file as UTF-8 without BOM.',
  ],
  check: (doc, report) => {
    if (!doc.bom) return;
    report(
      { start: 0, end: Math.max(1, doc.lines[0]?.end ?? 1) },
      'the file starts with a UTF-8 byte order mark: rsync reads the first line as garbage (a header there is lost, and its module with it).',
      {
        fixes: [{ title: 'Remove the byte order mark', preferred: true, edits: [{ start: 0, end: 1, newText: '' }] }],
      },
    );
  },
});
