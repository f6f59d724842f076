import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const duplicateKey = defineRule<InventoryFile>({
  code: 'inventory/duplicate-key',
  severity: 'error',
  summary: 'A key appears twice in one mapping (e.g. the same downstream listed twice).',
  docs: [
    'YAML forbids a key twice in one mapping, and Push Mirror refuses such a file rather than guess which',
    'entry you meant. Merge the two entries, or rename one to the ShortName it belongs to.',
  ],
  check: reportParserProblems,
});
