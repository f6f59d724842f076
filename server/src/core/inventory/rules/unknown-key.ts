import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const unknownKey = defineRule<InventoryFile>({
  code: 'inventory/unknown-key',
  severity: 'warning',
  summary: 'A key Push Mirror does not know; its value is ignored (often a typo).',
  docs: [
    'Keys are case-sensitive and camelCase: `displayName`, `traceUrl`, `knownHosts`, `keyFile`,',
    '`identityFile`. A misspelt key is not an error in YAML, so without this check the setting would',
    'silently have no effect. The message suggests the key you probably meant.',
  ],
  check: reportParserProblems,
});
