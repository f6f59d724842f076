import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badPort = defineRule<InventoryFile>({
  code: 'inventory/bad-port',
  severity: 'error',
  summary: '`port` must be a whole number from 1 to 65535.',
  docs: [
    "The port of the downstream's sshd (or of the host its log is read on). ssh refuses anything else,",
    'so a signal to this downstream could never connect.',
  ],
  check: reportParserProblems,
});
