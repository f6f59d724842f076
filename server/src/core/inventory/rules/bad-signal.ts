import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badSignal = defineRule<InventoryFile>({
  code: 'inventory/bad-signal',
  severity: 'error',
  summary: '`signal` must be `archvsync` or `{ command: "…" }`.',
  docs: [
    '`archvsync` sends what runmirrors sends (`sync:archive:<archive> sync:all` and friends) to the',
    'downstream\'s forced `command="~/bin/ftpsync"`. `{ command: "…" }` runs a custom remote command',
    'instead, for downstreams that are not ftpsync.',
  ],
  check: reportParserProblems,
});
