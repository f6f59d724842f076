import { defineRule } from '../../rule';
import type { InventoryFile } from '../check';
import { reportParserProblems } from '../check';

export const syntax = defineRule<InventoryFile>({
  code: 'inventory/syntax',
  severity: 'error',
  summary: 'The file is not valid YAML, so no downstream in it is read.',
  docs: [
    'pushmirror.yaml is read with a YAML 1.2 parser. A syntax error (a tab used for indentation, an unclosed',
    '`[` or `"`, a key without a value at the wrong indentation) makes the whole file unreadable: the',
    'Downstreams view then shows none of its display names, groups, trace URLs or log locations.',
  ],
  check: reportParserProblems,
});
