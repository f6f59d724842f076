import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import {} from './util';

export const nulCharacter = defineRule<RsyncdDocument>({
  code: 'rsyncd/nul-character',
  severity: 'error',
  summary: 'NUL character in the file; rsync takes it as an end of input.',
  docs: [
    "rsync's reader treats a NUL byte as the end of the file (or of the current line), so what follows is lost or misread. Remove it.",
  ],
  check: (doc, report) => {
    if (doc.nul === undefined) return;
    report({ start: doc.nul, end: doc.nul + 1 }, 'NUL character: rsync stops reading the line (or the file) here.');
  },
});
