import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors, show } from '../check';
import { analyzeSshOptions, beforeComment } from '../sshopts';
import type { Span } from '../../types';

const VARIABLE = /\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/;

export const unexpandedVariable = defineRule<MirrorListFile>({
  code: 'mirrors/unexpanded-variable',
  severity: 'error',
  summary: 'runmirrors does not expand `$HOME` or other variables in a key or config file: ssh gets the `$` literally.',
  docs: [
    'runmirrors.mirror is data, not shell: `read` and the later expansions of runmirrors never expand a `$VAR`',
    'written in the list. `2 $HOME/.ssh/key` or `-i $HOME/.ssh/key` reach ssh as the text `$HOME/.ssh/key`; ssh',
    'finds no such file ("Identity file $HOME/.ssh/key not accessible") and offers its default keys instead',
    '(ftpsync 20180513+nmu1, OpenSSH 9.2 observed). runmirrors.conf is different: it is sourced by bash.',
    '',
    'Write the path out, or with `~/`, which ssh expands itself: `2 ~/.ssh/key`.',
  ],
  check(doc, report) {
    const check = (value: string, span: Span) => {
      const m = VARIABLE.exec(value);
      if (!m) return;
      const fixed = m.index === 0 && /^\$\{?HOME\}?\//.test(value) ? value.replace(/^\$\{?HOME\}?/, '~') : undefined;
      report(
        span,
        `ssh gets ${show(value)} with ${show(m[0])} unexpanded: runmirrors expands no variables in the list, so this file is not found.`,
        {
          fixes: fixed
            ? [
                {
                  title: `Write ${fixed}`,
                  edits: [{ start: span.start, end: span.end, newText: fixed }],
                  preferred: true,
                },
              ]
            : [],
        },
      );
    };
    for (const entry of mirrors(doc)) {
      if (entry.restKind === 'legacy' && entry.keyFile && entry.keyFile.value !== '')
        check(entry.keyFile.value, entry.keyFile);
      if (entry.restKind === 'options' && entry.rest) {
        const analysis = analyzeSshOptions(entry.rest);
        const tokens = new Set(beforeComment(analysis.kept, analysis));
        for (const option of analysis.options.filter((o) => tokens.has(o.token))) {
          if ((option.flag === 'i' || option.flag === 'F') && option.arg) check(option.arg.value, option.arg);
        }
      }
    }
  },
});
