import { rsyncdRule } from './util';

export const nulCharacter = rsyncdRule(
  'nul-character',
  'error',
  'NUL character in the file; rsync takes it as an end of input.',
  [
    "rsync's reader treats a NUL byte as the end of the file (or of the current line), so what follows is lost or misread. Remove it.",
  ],
  (doc, report) => {
    if (doc.nul === undefined) return;
    report({ start: doc.nul, end: doc.nul + 1 }, 'NUL character: rsync stops reading the line (or the file) here.');
  },
);
