import { defineRule } from '../../rule';
import type { InetdDocument } from '../parser';
import { show } from './util';

export const badWait = defineRule<InetdDocument>({
  code: 'inetd/bad-wait',
  severity: 'warning',
  summary: 'A wait field other than `wait` or `nowait` is read as `nowait`; a bad `.max` rate as 256.',
  docs: [
    'inetd compares the field with `wait` and treats every other word as `nowait`: `nowiat`, `Wait` or `no-wait`',
    'are all `nowait`. The optional rate after a dot (`nowait.400`) must be a positive number; otherwise inetd',
    'logs "illegal max field" and uses 256 per minute (openbsd-inetd 0.20221205 observed).',
    '',
    'Write `nowait` for rsync (one process per connection), optionally `nowait.N` to allow more than 256',
    'connections a minute.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      const field = entry.wait;
      if (!field || !entry.server) continue;
      const value = field.value.replace(/\r$/, '');
      const dot = value.indexOf('.');
      const mode = dot < 0 ? value : value.slice(0, dot);
      if (mode !== 'wait' && mode !== 'nowait') {
        const span = { start: field.start, end: field.start + mode.length };
        report(span, `inetd reads ${show(mode)} as \`nowait\` (only the exact word \`wait\` means wait).`, {
          fixes: [{ title: 'Change to `nowait`', preferred: true, edits: [{ ...span, newText: 'nowait' }] }],
        });
      }
      if (dot >= 0) {
        const max = value.slice(dot + 1);
        if (!/^[1-9]\d*$/.test(max))
          report(
            { start: field.start + dot, end: field.start + value.length },
            `inetd logs "illegal max field" for ${show(max)} and allows the default 256 connections a minute.`,
          );
      }
    }
  },
});
