import { parserRule } from '../check';

export const badName = parserRule(
  'bad-name',
  'error',
  'A downstream name is its runmirrors ShortName: no blanks or slashes.',
  [
    'Entries under `downstreams` are matched to runmirrors.mirror lines by ShortName (the second field),',
    'which cannot contain blanks; runmirrors also uses it as a file name (`LOGDIR/<ShortName>.log`), so',
    'it cannot contain `/`.',
  ],
);
