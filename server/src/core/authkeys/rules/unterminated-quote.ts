import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const unterminatedQuote = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/unterminated-quote',
  severity: 'error',
  summary: 'A quote in the options is never closed; the options swallow the key and sshd skips the line.',
  docs: [
    'The options end at the first space or tab outside double quotes. With an unclosed quote they run to the end of the line,',
    'so there is no key left: sshd logs "invalid key option string" (the one option problem visible at the default `LogLevel INFO`).',
    'Close the quote. Inside a value write a literal quote as `\\"`.',
  ],
  check: reportLineIssues,
});
