import type { DocumentSymbolInfo } from '../service';
import { lineIndex } from '../text';
import type { CheckContext } from '../types';
import { DAEMON_CWD, daemonPath, expansion, type Expansion, type IncludedFile } from './includes';
import type { DirectiveEntry, HeaderEntry, RsyncdDocument, Section } from './model';

// What the editor shows of the files `&include` and `&merge` read: the hover of a directive lists
// them with their modules, a module's hover names the included files that also define it, and the
// outline shows the included modules under their directive. Only with access to this machine's files.

function filesOf(exp: Expansion, directive: DirectiveEntry): IncludedFile[] {
  return exp.files.filter((f) => f.via === directive);
}

function moduleNames(doc: RsyncdDocument): string[] {
  return doc.sections.filter((s) => s.header && !s.isGlobal && !s.header.error).map((s) => `[${s.name}]`);
}

/** The hover lines about what a directive reads on this machine. */
export function directiveReads(doc: RsyncdDocument, directive: DirectiveEntry, ctx: CheckContext | undefined): string {
  if ((directive.name !== 'include' && directive.name !== 'merge') || directive.argument === '') return '';
  const path = daemonPath(directive.argument);
  const relative =
    path === directive.argument
      ? ''
      : `\n\nA relative path: the daemon opens it from its working directory (\`${DAEMON_CWD}\` under systemd and inetd), as \`${path}\`.`;
  if (!ctx?.host) return relative;
  const exp = expansion(doc, ctx);
  const loop = exp.loops.find((l) => l.directive === directive);
  if (loop) return `${relative}\n\nOn this machine: ${loop.message}.`;
  const files = filesOf(exp, directive);
  if (!files.length) return `${relative}\n\nOn this machine \`${path}\` gives no file to read.`;
  const lines = files.map((f) => {
    const modules = moduleNames(f.doc);
    return `- \`${f.path}\`: ${modules.length ? modules.join(', ') : 'no modules'}`;
  });
  return `${relative}\n\nReads on this machine:\n${lines.join('\n')}`;
}

/** The hover line naming the included files that also define (and so merge into) a module. */
export function moduleAcrossFiles(
  doc: RsyncdDocument,
  header: HeaderEntry,
  section: Section,
  ctx: CheckContext | undefined,
): string {
  if (!ctx?.host || header.isGlobal || header.error) return '';
  const exp = expansion(doc, ctx);
  if (!exp.files.length) return '';
  const m = exp.modules.find((v) => v.key === section.key);
  if (!m) return '';
  const elsewhere: string[] = [];
  for (const s of m.sections) {
    const file = exp.files.find((f) => f.doc.sections.includes(s));
    if (file && s.header)
      elsewhere.push(`\`${file.path}\` line ${lineIndex(file.doc.text)(s.header.span.start).line + 1}`);
  }
  if (!elsewhere.length) return '';
  const firstHere = doc.sections.includes(m.sections[0]);
  return `\n\n${firstHere ? 'Also defined in' : 'First defined in'} ${elsewhere.join(', ')}; rsync merges every definition into one module.`;
}

/** Outline entries for the files a section's directives read, placed on the directive lines. */
export function includedSymbols(
  doc: RsyncdDocument,
  section: Section,
  ctx: CheckContext | undefined,
): DocumentSymbolInfo[] {
  if (!ctx?.host || !section.directives.length) return [];
  const exp = expansion(doc, ctx);
  const out: DocumentSymbolInfo[] = [];
  for (const d of section.directives) {
    const files = filesOf(exp, d);
    if (!files.length) continue;
    const at = {
      start: d.span.start,
      end: d.span.end,
      selection: d.nameSpan.start < d.nameSpan.end ? { start: d.span.start, end: d.nameSpan.end } : d.span,
    };
    out.push({
      name: `&${d.name} ${d.argument}`,
      kind: 'namespace',
      detail: `${files.length} file${files.length === 1 ? '' : 's'}`,
      ...at,
      children: files.map((f) => ({
        name: f.path,
        kind: 'file' as const,
        detail: d.name === 'include' ? 'own globals' : 'merged inline',
        ...at,
        children: f.doc.sections
          .filter((s) => s.header && !s.isGlobal && !s.header.error)
          .map((s) => ({
            name: `[${s.name}]`,
            kind: 'module' as const,
            detail: s.params.find((p) => p.key === 'comment')?.value ?? '',
            ...at,
          })),
      })),
    });
  }
  return out;
}
