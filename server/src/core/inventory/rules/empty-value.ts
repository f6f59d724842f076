import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const emptyValue = defineRule<InventoryFile>({
  code: 'inventory/empty-value',
  severity: 'error',
  summary: 'A key that takes text has no value (or a list or mapping instead).',
  docs: [
    '`host`, `user`, `group`, `displayName`, `knownHosts`, `keyFile` and the `log` fields take one',
    'non-empty string. `host:` with nothing after it is YAML `null`, not an empty host: write the value or',
    'remove the key.',
  ],
  check: reportParserProblems,
});
