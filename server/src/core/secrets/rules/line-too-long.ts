import { defineRule } from '../../rule';
import type { SecretsFile } from '../check';
import { MAX_LINE_BYTES } from '../parser';

export const lineTooLong = defineRule<SecretsFile>({
  code: 'secrets/line-too-long',
  severity: 'error',
  summary: `A line longer than ${MAX_LINE_BYTES} bytes is cut: the password rsync compares is truncated.`,
  docs: [
    `rsync reads the secrets file with a 1024-byte buffer, so it sees at most ${MAX_LINE_BYTES} bytes of a line at a time.`,
    'The rest of a longer line is read as a line of its own. The password rsync compares is therefore cut short and the',
    'real one never matches. Use a shorter password.',
  ],
  check(doc, report) {
    for (const line of doc.lines) {
      if (line.bytes > MAX_LINE_BYTES && line.kind !== 'comment') {
        report(
          line.span,
          `this line is ${line.bytes} bytes long; rsync reads only the first ${MAX_LINE_BYTES}, so the password it compares is cut short.`,
        );
      }
    }
  },
});
