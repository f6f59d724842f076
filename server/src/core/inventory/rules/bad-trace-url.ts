import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const badTraceUrl = defineRule<InventoryFile>({
  code: 'inventory/bad-trace-url',
  severity: 'error',
  summary: '`traceUrl` must be an http:// or https:// URL.',
  docs: [
    "The URL of the downstream's ftpsync trace file, e.g.",
    '`http://mirror.example.org/debian/project/trace/mirror.example.org`. Its `Date:` line tells how fresh',
    'the mirror is; Push Mirror fetches it over HTTP(S) only, and only in a trusted workspace.',
  ],
  check: reportParserProblems,
});
