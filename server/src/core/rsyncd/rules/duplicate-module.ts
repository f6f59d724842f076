import { defineRule } from '../../rule';
import type { RsyncdDocument } from '../parser';
import { headerGroups } from '../doc-index';
import { lineIndex } from '../../text';
import { expansion, placedReporter, type Expansion } from '../includes';
import type { ModuleView } from '../modules';
import { quote } from './util';

export const duplicateModule = defineRule<RsyncdDocument>({
  code: 'rsyncd/duplicate-module',
  severity: 'warning',
  summary:
    'A module header that re-opens an earlier module (names compared ignoring case and spaces); rsync merges them silently.',
  docs: [
    'rsync compares module names **ignoring case and all whitespace** when it reads a header, so `[OK]` and `[ o k ]` re-open `[ok]`.',
    'The parameters merge into the first module, later values win, the first spelling stays the name, and nothing is logged.',
    'Clients still have to request the first spelling exactly.',
  ],
  check: (doc, report, ctx) => {
    const exp = expansion(doc, ctx);
    const at = placedReporter(exp, report);
    let lineOf: ((offset: number) => { line: number }) | undefined;
    for (const m of repeated(doc, exp)) {
      for (const section of m.sections.slice(1)) {
        const header = section.header!;
        const first = exp.place(m.header, m.header.span);
        // A first definition in an included file is named by file and line.
        const where = first.note
          ? first.note.slice(2, -1)
          : `on line ${(lineOf ??= lineIndex(doc.text))(m.header.span.start).line + 1}`;
        const same =
          header.name === m.name ? '' : ` (rsync ignores case and spaces; clients must still ask for ${quote(m.name)})`;
        at(
          header,
          header.nameSpan,
          `module [${header.name}] was already defined ${where} as [${m.name}]; rsync silently merges the two, later values win${same}.`,
        );
      }
    }
  },
});

type Repeated = Pick<ModuleView, 'name' | 'header' | 'sections'>;

/**
 * The modules opened by more than one header. This rule runs on every edit of a large file, so without
 * included files it takes the headers' grouping (kept from the text before the edit when no header
 * changed) instead of building every module's view.
 */
function repeated(doc: RsyncdDocument, exp: Expansion): Repeated[] {
  if (exp.files.length || exp.loops.length) return exp.modules.filter((m) => m.sections.length > 1);
  return headerGroups(doc).repeated.map((indices) => {
    const sections = indices.map((i) => doc.sections[i]);
    return { name: sections[0].name, header: sections[0].header!, sections };
  });
}
