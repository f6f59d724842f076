import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { INTERNAL, IGNORED, variable } from '../variables';
import { quote } from './util';

export const temporaryAssignment = defineRule<FtpsyncDoc>({
  code: 'ftpsync/temporary-assignment',
  severity: 'error',
  summary:
    'A value with unquoted blanks (`ARCH_INCLUDE=amd64 arm64`): bash sets nothing and runs the rest as a command.',
  docs: [
    'To bash, `ARCH_INCLUDE=amd64 arm64 source` is the command `arm64 source` run with ARCH_INCLUDE=amd64 in its environment',
    'only. The variable stays unset, and since `arm64` is no command, bash reports "arm64: command not found" and, under',
    '`set -e`, ftpsync exits (status 127, observed) before it opens its log. Quote the value: `ARCH_INCLUDE="amd64 arm64 source"`.',
  ],
  check(doc, report) {
    for (const a of doc.script.assignments) {
      if (a.how !== 'temporary' || a.unreached || !a.command) continue;
      if (!variable(a.name) && !(a.name in INTERNAL) && !(a.name in IGNORED)) continue;
      const raw = doc.text.slice(a.valueStart, a.command.end);
      const safe = !/["'\\$`;&|<>()\n]/.test(raw);
      report(
        { start: a.valueStart, end: a.command.end },
        `bash sets ${a.name} only for the command ${quote(a.command.text)}, which it runs: ${a.name} stays unset and, when that command fails, ftpsync exits before it syncs (observed: "command not found", status 127). Quote the whole value.`,
        safe
          ? {
              fixes: [
                {
                  title: `Quote the value of ${a.name}`,
                  preferred: true,
                  edits: [{ start: a.valueStart, end: a.command.end, newText: `"${raw}"` }],
                },
              ],
            }
          : undefined,
      );
    }
  },
});
