import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { variable } from '../variables';
import { quote } from './util';

export const arrayAssignment = defineRule<FtpsyncDoc>({
  code: 'ftpsync/array-assignment',
  severity: 'error',
  summary: 'A setting written as a bash array (`ARCH_INCLUDE=(amd64 source)`): ftpsync reads only its first element.',
  docs: [
    'ftpsync reads every setting as `${NAME}`, which for an array is its first element only. `ARCH_INCLUDE=(amd64 source)`',
    'mirrors amd64 and leaves out source (observed). Write one string: `ARCH_INCLUDE="amd64 source"`.',
  ],
  check(doc, report) {
    for (const a of doc.script.assignments) {
      if (!a.array || a.unreached || a.how === 'temporary' || !variable(a.name)) continue;
      const raw = doc.text.slice(a.valueStart, a.end);
      const inner = /^\(([^()"'$`\\]*)\)$/.exec(raw)?.[1];
      const joined = inner?.trim().split(/\s+/).join(' ');
      report(
        { start: a.valueStart, end: a.end },
        `ftpsync reads \${${a.name}}, the first element of this array only${a.value !== undefined ? ` (${quote(a.value)})` : ''}; write the value as one quoted string.`,
        joined !== undefined
          ? {
              fixes: [
                {
                  title: `Write ${a.name}="${joined}"`,
                  preferred: true,
                  edits: [{ start: a.valueStart, end: a.end, newText: `"${joined}"` }],
                },
              ],
            }
          : undefined,
      );
    }
  },
});
