import { parserRule } from '../check';

export const unknownKey = parserRule(
  'unknown-key',
  'warning',
  'A key Push Mirror does not know; its value is ignored (often a typo).',
  [
    'Keys are case-sensitive and camelCase: `displayName`, `traceUrl`, `knownHosts`, `keyFile`,',
    '`identityFile`. A misspelt key is not an error in YAML, so without this check the setting would',
    'silently have no effect. The message suggests the key you probably meant.',
  ],
);
