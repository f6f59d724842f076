import { parserRule } from '../check';

export const badSignal = parserRule('bad-signal', 'error', '`signal` must be `archvsync` or `{ command: "…" }`.', [
  '`archvsync` sends what runmirrors sends (`sync:archive:<archive> sync:all` and friends) to the',
  'downstream\'s forced `command="~/bin/ftpsync"`. `{ command: "…" }` runs a custom remote command',
  'instead, for downstreams that are not ftpsync.',
]);
