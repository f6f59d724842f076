import { parserRule } from '../check';

export const duplicateKey = parserRule(
  'duplicate-key',
  'error',
  'A key appears twice in one mapping (e.g. the same downstream listed twice).',
  [
    'YAML forbids a key twice in one mapping, and Push Mirror refuses such a file rather than guess which',
    'entry you meant. Merge the two entries, or rename one to the ShortName it belongs to.',
  ],
);
