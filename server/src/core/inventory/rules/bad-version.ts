import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badVersion = defineRule<InventoryFile>({
  code: 'inventory/bad-version',
  severity: 'error',
  summary: '`version` must be 1.',
  docs: [
    'The format has one version so far. Write `version: 1` (a number, not the string `"1"`), or leave',
    'the key out.',
  ],
  check: reportParserProblems,
});
