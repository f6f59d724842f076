import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { quote, visible } from './util';

export const runsAtStart = defineRule<FtpsyncDoc>({
  code: 'ftpsync/runs-at-start',
  severity: 'information',
  summary: 'A command or command substitution: bash runs it each time ftpsync starts.',
  docs: [
    'ftpsync sources its config, so anything other than an assignment is executed on every run, as the mirror user and',
    "before ftpsync's log is open: `MIRRORNAME=$(hostname -f)`, `echo …`, an `if`. Push Mirror does not guess what it",
    'prints: values that depend on it are shown as unknown and not checked. Under `set -e` a command that fails (not found,',
    'non-zero status) stops ftpsync there.',
  ],
  check(doc, report) {
    for (const run of doc.script.runs) {
      const lineEnd = doc.text.indexOf('\n', run.start);
      const end = run.kind === 'compound' && lineEnd >= 0 && lineEnd < run.end ? lineEnd : run.end;
      const what =
        run.kind === 'substitution'
          ? `runs ${quote(run.text.replace(/^\$\(|^`|\)$|`$/g, '').trim())} when ftpsync starts; the value it gives is not known here`
          : run.kind === 'source'
            ? `runs ${quote(run.text)} when ftpsync starts: the file it reads may set any variable, so values after it are not checked`
            : run.kind === 'compound'
              ? `runs this ${quote(run.text.split(/\s/)[0] ?? '')} block when ftpsync starts; what it sets is not known here`
              : `runs ${quote(run.text)} when ftpsync starts (under \`set -e\`, a failure stops ftpsync)`;
      report(visible({ start: run.start, end }, doc.text.length), `${what}${run.conditional ? ' (maybe)' : ''}.`);
    }
  },
});
