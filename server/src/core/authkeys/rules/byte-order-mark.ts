import { defineRule } from '../../rule';
import type { AuthorizedKeysDocument } from '../parser';
import { reportLineIssues } from './issue-rule';

export const byteOrderMark = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/byte-order-mark',
  severity: 'error',
  summary: 'The file starts with a byte order mark; sshd cannot read the key on the first line.',
  docs: [
    'Some Windows editors (Notepad) save UTF-8 with a byte order mark, the invisible character U+FEFF, at the start of the file.',
    'sshd does not skip it: it is part of the first word of line 1, so that line is neither a key type nor a known option and',
    'sshd skips it (only DEBUG2 says why). The other lines are not affected. Save the file as UTF-8 without BOM, or remove',
    "it with `sed -i '1s/^\\xEF\\xBB\\xBF//' ~/.ssh/authorized_keys`.",
  ],
  check: reportLineIssues,
});
