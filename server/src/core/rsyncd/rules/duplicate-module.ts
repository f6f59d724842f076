import { lineIndex } from '../../text';
import { moduleViews } from '../modules';
import { quote, rsyncdRule } from './util';

export const duplicateModule = rsyncdRule(
  'duplicate-module',
  'warning',
  'A module header that re-opens an earlier module (names compared ignoring case and spaces); rsync merges them silently.',
  [
    'rsync compares module names **ignoring case and all whitespace** when it reads a header, so `[OK]` and `[ o k ]` re-open `[ok]`.',
    'The parameters merge into the first module, later values win, the first spelling stays the name, and nothing is logged.',
    'Clients still have to request the first spelling exactly.',
  ],
  (doc, report) => {
    let lineOf: ((offset: number) => { line: number }) | undefined;
    for (const m of moduleViews(doc)) {
      for (const section of m.sections.slice(1)) {
        lineOf ??= lineIndex(doc.text);
        const header = section.header!;
        const same = header.name === m.name ? '' : ` (rsync ignores case and spaces; clients must still ask for ${quote(m.name)})`;
        report(header.nameSpan, `module [${header.name}] was already defined on line ${lineOf(m.header.span.start).line + 1} as [${m.name}]; rsync silently merges the two, later values win${same}.`);
      }
    }
  },
);
