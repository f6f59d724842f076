import { parserRule } from '../check';

export const notAMapping = parserRule(
  'not-a-mapping',
  'error',
  'The file, `defaults`, `downstreams`, a downstream or its `log` must be a mapping of keys.',
  [
    'Each of these holds `key: value` pairs. A list (`- item`) or a plain value there is ignored.',
    '',
    '```yaml',
    'downstreams:',
    '  eu.one:',
    '    group: Europe',
    '```',
  ],
);
