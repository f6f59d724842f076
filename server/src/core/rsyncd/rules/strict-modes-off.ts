import { parseBool } from '../values';
import { isIgnored, paramsWithKey, rsyncdRule } from './util';

export const strictModesOff = rsyncdRule(
  'strict-modes-off',
  'warning',
  '`strict modes = false`: rsync accepts a secrets file anyone on the host can read.',
  [
    'With `strict modes` on (the default) rsync refuses a secrets file that *other* users can read or write, and, when it runs as root,',
    'one not owned by root. Turning it off hides a readable password file instead of fixing it: `chmod 600` the file instead.',
  ],
  (doc, report) => {
    for (const p of paramsWithKey(doc, 'strictmodes')) {
      if (isIgnored(p) || parseBool(p.value, false) !== false) continue;
      report(p.span, '`strict modes = false` lets rsync use a secrets file other users can read; make the file mode 600 and keep strict modes on.');
    }
  },
);
