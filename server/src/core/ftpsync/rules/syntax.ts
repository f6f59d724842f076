import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { visible } from './util';

export const syntax = defineRule<FtpsyncDoc>({
  code: 'ftpsync/syntax',
  severity: 'error',
  summary:
    'Text bash cannot read (an unterminated quote, a stray keyword, NUL bytes): ftpsync stops while reading its config.',
  docs: [
    'ftpsync reads its config with bash (`. "$config"` under `set -e -u`). A quote, `$(`, `${` or backtick that is never',
    'closed, or a keyword where bash does not expect one (`fi`, `done`, `)`) is a syntax error: bash prints',
    '"unexpected EOF while looking for matching" or "syntax error near unexpected token" and ftpsync exits (status 2) before it',
    'opens its log, so a push looks delivered while nothing syncs. NUL bytes are dropped by bash without a word, so the',
    'values are not what the editor shows. Close the quote (or remove the stray token) where the message points.',
  ],
  check(doc, report) {
    const nul = doc.text.indexOf('\0');
    if (nul >= 0)
      report(
        { start: nul, end: nul + 1 },
        'the file holds NUL bytes (is it binary?): bash drops them without a word, so the values are not what the file shows.',
      );
    for (const stop of doc.script.stops) {
      if (stop.kind !== 'syntax') continue;
      report(
        visible(stop, doc.text.length),
        `bash: ${stop.message}; ftpsync stops while reading its config (exit 2), before it logs or syncs anything.`,
      );
    }
  },
});
