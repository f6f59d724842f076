import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';

export const backslash = defineRule<MirrorListFile>({
  code: 'mirrors/backslash',
  severity: 'warning',
  summary: 'runmirrors reads lines with `read` (no -r), which removes backslashes and joins a line ending in one.',
  docs: [
    '`read` without `-r` treats a backslash as an escape: `arch\\vsync` becomes `archvsync`, `C:\\keys` becomes',
    '`C:keys`, and a backslash at the end of a line joins the next non-comment line to this one.',
    '',
    'Avoid backslashes in runmirrors.mirror.',
  ],
  check(doc, report) {
    for (const entry of doc.entries) {
      if (!entry.hasBackslash) continue;
      const text = doc.text.slice(entry.span.start, entry.span.end);
      for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 2)) {
        const atEnd = i === text.length - 1;
        report(
          { start: entry.span.start + i, end: entry.span.start + i + 1 },
          atEnd
            ? 'A backslash at the end joins the next line to this one.'
            : 'runmirrors drops this backslash (bash `read` without -r).',
        );
      }
    }
  },
});
