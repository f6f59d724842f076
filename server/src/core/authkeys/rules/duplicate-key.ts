import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { lineNo, repeats } from './duplicates';

export const duplicateKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/duplicate-key',
  severity: 'warning',
  summary: 'The same key on an earlier line that always wins: this line is never used.',
  docs: [
    'sshd reads every line and uses the **first** line with this key whose options it can parse and whose `from=` and',
    '`expiry-time=` allow the login. When an earlier line has neither, it always wins and this line (with its options) is dead:',
    "if this line is the restricted trigger line, the key still gets the earlier line's rights. Keep one line per key.",
  ],
  check(doc, report) {
    for (const r of repeats(doc)) {
      if (!r.shadowedBy || !r.line.blob) continue;
      report(
        r.line.blob,
        `Never used: line ${lineNo(r.shadowedBy)} has the same key without \`from=\` or \`expiry-time\`, and sshd uses the first line that matches. The key gets line ${lineNo(r.shadowedBy)}'s options.`,
        {
          fixes: [
            {
              title: 'Remove this line',
              edits: [
                {
                  start: r.line.start,
                  end: Math.min(doc.text.length, nextLineStart(doc.text, r.line.end)),
                  newText: '',
                },
              ],
            },
          ],
        },
      );
    }
  },
});

function nextLineStart(text: string, end: number): number {
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}
