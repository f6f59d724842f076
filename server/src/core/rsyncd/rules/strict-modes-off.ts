import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { expansion } from '../includes';
import { parseBool } from '../values';
import { hasAuthUsers } from './security';
import { isIgnored, paramsWithKey } from './util';

export const strictModesOff = defineRule<RsyncdDocument>({
  code: 'rsyncd/strict-modes-off',
  severity: 'warning',
  summary: '`strict modes = false`: rsync accepts a secrets file anyone on the host can read.',
  docs: [
    'With `strict modes` on (the default) rsync refuses a secrets file that *other* users can read or write, and, when it runs as root,',
    'one not owned by root. Turning it off hides a readable password file instead of fixing it: `chmod 600` the file instead.',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    const off = paramsWithKey(doc, 'strictmodes').filter((p) => !isIgnored(p) && parseBool(p.value, false) === false);
    if (!off.length) return;
    // rsync looks at `strict modes` only when it reads a secrets file, which it does only for a module
    // with `auth users`: a line no such module takes its value from changes nothing (Debian's own
    // mirrors set it globally on hosts with anonymous modules only).
    const used = new Set<string>();
    for (const m of expansion(doc, ctx).modules) {
      if (!hasAuthUsers(m)) continue;
      const setting = m.get('strictmodes');
      if (setting && parseBool(setting.value, false) === false)
        used.add(`${setting.entry.span.start}:${setting.entry.span.end}`);
    }
    for (const p of off) {
      if (!used.has(`${p.span.start}:${p.span.end}`)) continue;
      report(
        p.span,
        '`strict modes = false` lets rsync use a secrets file other users can read; make the file mode 600 and keep strict modes on.',
      );
    }
  },
});
