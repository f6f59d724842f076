import { defineRule } from '../../rule';
import { cleanLines, effectiveOptions } from '../analysis';
import type { AuthorizedKeysDocument } from '../parser';

export const fullShellKey = defineRule<AuthorizedKeysDocument>({
  code: 'authkeys/full-shell-key',
  severity: 'information',
  summary: 'A key without `command=`: whoever holds it gets a full shell.',
  docs: [
    "Without a forced command the key can run anything as this user. On a mirror account the upstream's key should only start",
    'the sync: `restrict,command="~/bin/ftpsync",from="<upstream address>"`. Personal admin keys are fine here; switch this',
    'rule off (`pushMirror.rules`) for files that hold only those.',
  ],
  check(doc, report) {
    for (const line of cleanLines(doc.lines)) {
      if (!line.keyType || !line.decoded?.ok || effectiveOptions(line).command) continue;
      const at = line.options?.span.start ?? line.keyType.start;
      const prefix = line.options
        ? 'restrict,command="~/bin/ftpsync",from="UPSTREAM-ADDRESS",'
        : 'restrict,command="~/bin/ftpsync",from="UPSTREAM-ADDRESS" ';
      report(
        line.keyType,
        "No `command=`: this key gets a full shell. If it is an upstream's trigger key, restrict it to the sync command.",
        {
          fixes: [
            {
              title: 'Make it a trigger key (`restrict,command="~/bin/ftpsync",from=…`)',
              edits: [{ start: at, end: at, newText: prefix }],
            },
          ],
        },
      );
    }
  },
});
