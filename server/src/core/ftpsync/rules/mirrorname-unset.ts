import { defineRule } from '../../rule';
import { finalValue, lastAssignment, type FtpsyncDoc } from '../model';
import { fileSpan } from './util';

export const mirrornameUnset = defineRule<FtpsyncDoc>({
  code: 'ftpsync/mirrorname-unset',
  severity: 'warning',
  summary:
    'MIRRORNAME unset or empty: the trace is named after `hostname -f`, which may not be the name the mirror is listed under.',
  docs: [
    'ftpsync writes its trace to `project/trace/${MIRRORNAME}` and defaults MIRRORNAME to `hostname -f` (observed: the',
    "trace was named after the machine). Debian's mirror checker fetches `project/trace/<the site's listed name>` and reports",
    '"sitetrace unavailable" when the two differ, and downstreams see a different name in `_hierarchy`. Set MIRRORNAME to the',
    'full host name the mirror is published as.',
  ],
  check(doc, report) {
    const v = finalValue(doc, 'MIRRORNAME');
    if (v && !(v.state === 'set' && v.value === '')) return;
    const a = lastAssignment(doc, 'MIRRORNAME');
    report(
      a ? { start: a.nameStart, end: a.end } : fileSpan(doc),
      `MIRRORNAME is ${a ? 'empty' : 'not set'}, so ftpsync names its trace after \`hostname -f\`; the mirror checker looks for the name the mirror is listed under. Set MIRRORNAME to that full host name.`,
    );
  },
});
