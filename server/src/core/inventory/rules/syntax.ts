import { parserRule } from '../check';

export const syntax = parserRule('syntax', 'error', 'The file is not valid YAML, so no downstream in it is read.', [
  'pushmirror.yaml is read with a YAML 1.2 parser. A syntax error (a tab used for indentation, an unclosed',
  '`[` or `"`, a key without a value at the wrong indentation) makes the whole file unreadable: the',
  'Downstreams view then shows none of its display names, groups, trace URLs or log locations.',
]);
