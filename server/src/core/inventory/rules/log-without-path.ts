import { parserRule } from '../check';

export const logWithoutPath = parserRule('log-without-path', 'error', 'A `log` mapping needs a `path`.', [
  "`log` is either the path of the downstream's sync log (`log: ~/log/ftpsync.log`) or a mapping with",
  '`path` and optionally `host`, `user`, `port` and `identityFile`. Without `path` there is nothing to',
  'tail.',
]);
