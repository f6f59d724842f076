import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badType = defineRule<InventoryFile>({
  code: 'inventory/bad-type',
  severity: 'error',
  summary: '`type` must be all, staged or mhop, as in runmirrors.mirror.',
  docs: [
    'The push type of a downstream that is not in a runmirrors.mirror list: `all` (one push),',
    '`staged` (two-stage push) or `mhop` (multi-hop staged push). runmirrors would ignore a line with any',
    'other type, and so does Push Mirror.',
  ],
  check: reportParserProblems,
});
