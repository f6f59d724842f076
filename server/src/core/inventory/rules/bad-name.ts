import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badName = defineRule<InventoryFile>({
  code: 'inventory/bad-name',
  severity: 'error',
  summary: 'A downstream name is its runmirrors ShortName: no blanks or slashes.',
  docs: [
    'Entries under `downstreams` are matched to runmirrors.mirror lines by ShortName (the second field),',
    'which cannot contain blanks; runmirrors also uses it as a file name (`LOGDIR/<ShortName>.log`), so',
    'it cannot contain `/`.',
  ],
  check: reportParserProblems,
});
