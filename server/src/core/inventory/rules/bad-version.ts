import { parserRule } from '../check';

export const badVersion = parserRule('bad-version', 'error', '`version` must be 1.', [
  'The format has one version so far. Write `version: 1` (a number, not the string `"1"`), or leave',
  'the key out.',
]);
