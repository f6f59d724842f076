import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const notAMapping = defineRule<InventoryFile>({
  code: 'inventory/not-a-mapping',
  severity: 'error',
  summary: 'The file, `defaults`, `downstreams`, a downstream or its `log` must be a mapping of keys.',
  docs: [
    'Each of these holds `key: value` pairs. A list (`- item`) or a plain value there is ignored.',
    '',
    '```yaml',
    'downstreams:',
    '  eu.one:',
    '    group: Europe',
    '```',
  ],
  check: reportParserProblems,
});
