import { parserRule } from '../check';

export const badType = parserRule('bad-type', 'error', '`type` must be all, staged or mhop, as in runmirrors.mirror.', [
  'The push type of a downstream that is not in a runmirrors.mirror list: `all` (one push),',
  '`staged` (two-stage push) or `mhop` (multi-hop staged push). runmirrors would ignore a line with any',
  'other type, and so does Push Mirror.',
]);
