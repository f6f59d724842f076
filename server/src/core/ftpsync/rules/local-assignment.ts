import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { INTERNAL, variable } from '../variables';

export const localAssignment = defineRule<FtpsyncDoc>({
  code: 'ftpsync/local-assignment',
  severity: 'error',
  summary:
    '`declare`, `typeset` or `local` of a setting: ftpsync reads the file inside a function, so the value is gone afterwards.',
  docs: [
    'ftpsync sources its config inside its `read_config` function. There `declare NAME=…` and `typeset NAME=…` (without `-g`)',
    'and `local NAME=…` make a variable local to that function: it disappears when the function returns, before ftpsync',
    'uses it. Observed with `declare RSYNC_HOST=…`: ftpsync stops with "Missing a host to mirror from". Write a plain',
    'assignment (`RSYNC_HOST=…`), `export`, or `declare -g`.',
  ],
  check(doc, report) {
    for (const a of doc.script.assignments) {
      if (a.how !== 'local' || a.unreached) continue;
      if (!variable(a.name) && !(a.name in INTERNAL)) continue;
      const keyword = doc.text.slice(a.statementStart, a.start).trim();
      const plain = /^(declare|typeset|local)$/.test(keyword);
      report(
        { start: a.statementStart, end: a.nameEnd },
        `\`${keyword.split(/\s/)[0]}\` inside ftpsync's read_config makes ${a.name} local: it is gone when ftpsync uses it${a.name === 'RSYNC_HOST' ? ' (observed: "Missing a host to mirror from")' : ', so ftpsync falls back to its default'}.`,
        plain
          ? {
              fixes: [
                {
                  title: `Make it a plain assignment of ${a.name}`,
                  preferred: true,
                  edits: [{ start: a.statementStart, end: a.start, newText: '' }],
                },
              ],
            }
          : undefined,
      );
    }
  },
});
