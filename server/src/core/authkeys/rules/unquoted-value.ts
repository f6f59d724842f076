import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const unquotedValue = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/unquoted-value',
  severity: 'error',
  summary: 'An option value without double quotes; sshd skips the line ("missing start quote").',
  docs: [
    'Every value option takes its value in double quotes: `command="~/bin/ftpsync"`, `from="192.0.2.10"`. `command=/bin/true` and',
    '`command=\'x\'` make sshd log "missing start quote" (DEBUG level) and skip the line.',
    'Typographic quotes copied from a web page (`command=“…”`) are not quotes to sshd either. Inside the quotes only `\\"` is an',
    'escape; spaces, tabs and commas are fine.',
  ],
  check: reportLineIssues,
});
