import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const logWithoutPath = defineRule<InventoryFile>({
  code: 'inventory/log-without-path',
  severity: 'error',
  summary: 'A `log` mapping needs a `path`.',
  docs: [
    "`log` is either the path of the downstream's sync log (`log: ~/log/ftpsync.log`) or a mapping with",
    '`path` and optionally `host`, `user`, `port` and `identityFile`. Without `path` there is nothing to',
    'tail.',
  ],
  check: reportParserProblems,
});
