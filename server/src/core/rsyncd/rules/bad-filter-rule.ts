import { defineRule } from '../../rule';
import { DAEMON_FILTER_CONTEXT, parseFilterFile, parseFilterString } from '../../rsync-filter/parse';
import type { RsyncdDocument } from '../parser';
import { checkablePath, daemonChroot, stat, underChroot } from './fs';
import { forEachValue, hasExpansion, isIgnored, paramsWithKey, quote, valueSpan } from './util';

const INLINE = ['filter', 'include', 'exclude'] as const;
const FROM_FILE = ['includefrom', 'excludefrom'] as const;
const NAMES: Record<string, string> = {
  filter: 'filter',
  include: 'include',
  exclude: 'exclude',
  includefrom: 'include from',
  excludefrom: 'exclude from',
};

export const badFilterRule = defineRule<RsyncdDocument>({
  code: 'rsyncd/bad-filter-rule',
  severity: 'error',
  summary:
    'A `filter`, `include` or `exclude` rule (or a line of an `include from`/`exclude from` file) that rsync rejects: the module cannot be used.',
  docs: [
    "The daemon reads a module's rules with rsync 3.5.0's exclude.c, the reader Push Mirror uses, each parameter in its own",
    'way: `filter` is split on blanks and every word needs a prefix (`- *.tmp`, `exclude,/ /private`); `include` and',
    '`exclude` are split on blanks and take plain patterns (with optional `+ `/`- `); the `from` files hold one rule a line',
    '(`#` and `;` comment lines). A rule rsync rejects ("Unknown filter rule", "invalid modifier", "unexpected end of filter',
    'rule") aborts every connection to the module: the client sees the connection close ("didn\'t get server startup line"),',
    'for every transfer, observed with rsync 3.5.0. Note that `filter = - *.tmp *.bak` makes `*.bak` a rule of its own',
    '(unknown), and `filter = -<TAB>x` is one rule with an empty pattern. A `merge` file that is missing fails the same way',
    '(checked on this machine when file checks are on).',
  ],
  scope: 'section',
  check: (doc, report, ctx) => {
    for (const key of INLINE) {
      forEachValue(
        doc,
        [key],
        (value) => (hasExpansion(value) ? undefined : parseFilterString(value, DAEMON_FILTER_CONTEXT[key]).error),
        (p, error) => {
          if (isIgnored(p)) return;
          report(
            valueSpan(p, error.start, Math.max(error.end, error.start + 1)),
            `rsync rejects this \`${NAMES[key]}\` rule ("${error.message}"): every connection to the module is aborted.`,
          );
        },
      );
    }
    const host = ctx.host;
    if (!host) return;
    const chroot = daemonChroot(doc);
    for (const key of [...INLINE, ...FROM_FILE]) {
      for (const p of paramsWithKey(doc, key)) {
        if (isIgnored(p) || hasExpansion(p.value)) continue;
        if (key === 'includefrom' || key === 'excludefrom') {
          const path = checkablePath(p.value);
          const text = path ? host.readText(underChroot(chroot, path)) : undefined;
          if (text === undefined) continue;
          const error = parseFilterFile(text, DAEMON_FILTER_CONTEXT[key]).error;
          if (!error) continue;
          const line = text.slice(0, error.start).split(/\r\n|\r|\n/).length;
          report(
            p.valueSpan,
            `line ${line} of ${quote(path!)} is a rule rsync rejects ("${error.message}"): every connection to the module is aborted.`,
          );
          continue;
        }
        // `merge FILE` rules are read when a client connects; a missing one is fatal.
        for (const rule of parseFilterString(p.value, DAEMON_FILTER_CONTEXT[key]).rules) {
          if (rule.action !== 'merge') continue;
          const path = checkablePath(rule.pattern);
          if (!path || stat(host, underChroot(chroot, path)).exists) continue;
          report(
            valueSpan(p, rule.start, rule.end),
            `the merge file ${quote(path)} does not exist on this machine; if it is missing on the daemon's host too, every connection to the module is aborted ("failed to open exclude file").`,
          );
        }
      }
    }
  },
});
