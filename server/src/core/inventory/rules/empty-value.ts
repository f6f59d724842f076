import { parserRule } from '../check';

export const emptyValue = parserRule(
  'empty-value',
  'error',
  'A key that takes text has no value (or a list or mapping instead).',
  [
    '`host`, `user`, `group`, `displayName`, `knownHosts`, `keyFile` and the `log` fields take one',
    'non-empty string. `host:` with nothing after it is YAML `null`, not an empty host: write the value or',
    'remove the key.',
  ],
);
