import type { CodeLensInfo, CompletionEntry, DocumentSymbolInfo, FoldingInfo } from '../service';
import { lineIndex } from '../text';
import type { CheckContext } from '../types';
import { ARCHITECTURES, COUNTRY_CODES } from './archive-facts';
import { CLIENT_COMMANDS } from '../commands';
import { effective, lastAssignment, moduleName, type FtpsyncDoc } from './model';
import { quote } from './rules/util';
import { findModule, upstreamConfs } from './upstream';
import { INTERNAL, VARIABLES, variable, type Section } from './variables';

// Completion, outline, folding and the "Test upstream login" lens of ftpsync.conf.

const SECTION_ORDER: Section[] = [
  'basics',
  'connection',
  'information',
  'filtering',
  'logs',
  'other',
  'hooks',
  'internal',
];

export function complete(doc: FtpsyncDoc, offset: number, ctx: CheckContext): CompletionEntry[] {
  const text = doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const name = /^\s*(?:export\s+)?([A-Za-z_]*)$/.exec(before);
  if (name) {
    const start = offset - name[1].length;
    return VARIABLES.map((v) => ({
      label: v.name,
      kind: 'property',
      detail: `${v.section}${v.default ? ` · default ${v.default}` : ''}`,
      documentation: v.doc,
      insertText: `${v.name}=`,
      range: { start, end: offset },
      sortText: `${SECTION_ORDER.indexOf(v.section)}${v.undocumented ? 'z' : 'a'}${v.name}`,
    }));
  }
  const ref = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (ref) {
    const start = offset - (ref[1]?.length ?? 0);
    const names = new Set([
      ...VARIABLES.map((v) => v.name),
      ...Object.keys(INTERNAL),
      'HOME',
      'LOGNAME',
      ...doc.byName.keys(),
    ]);
    return [...names].map((n) => ({
      label: n,
      kind: 'property',
      range: { start, end: offset },
      detail: variable(n)?.section ?? 'variable',
    }));
  }
  const value = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(["']?)((?:[^"'\s]*\s+)*)([^"'\s]*)$/.exec(before);
  if (!value) return [];
  const [, variableName, quoteChar, , word] = value;
  const range = { start: offset - word.length, end: offset };
  const entries = (
    labels: readonly string[],
    kind: CompletionEntry['kind'] = 'value',
    detail?: string,
  ): CompletionEntry[] => labels.map((label) => ({ label, kind, range, ...(detail ? { detail } : {}) }));
  if (variableName === 'ARCH_INCLUDE' || variableName === 'ARCH_EXCLUDE') {
    if (!quoteChar && value[3]) return [];
    return entries(ARCHITECTURES, 'enum', 'Debian architecture');
  }
  if (variableName === 'INFO_COUNTRY') return entries([...COUNTRY_CODES], 'enum', 'ISO 3166-1 alpha-2');
  if (variableName === 'RSYNC_PATH') {
    const confs = upstreamConfs(doc, ctx);
    return confs.flatMap((c) =>
      c.views.map((v) => ({ label: v.name, kind: 'module' as const, range, detail: `module of ${c.name}` })),
    );
  }
  if (variableName === 'RSYNC_USER') {
    const path = effective(doc, 'RSYNC_PATH').value;
    const module = path === undefined ? undefined : findModule(upstreamConfs(doc, ctx), moduleName(path));
    const users = (module?.auth?.authUsers?.rules ?? []).filter(
      (r) => !r.isGroup && r.access !== 'deny' && !/[*?[]/.test(r.pattern),
    );
    return entries(
      users.map((r) => r.pattern),
      'value',
      module ? `auth users of [${module.view.name}]` : undefined,
    );
  }
  return entries(variable(variableName)?.values ?? []);
}

export function symbols(doc: FtpsyncDoc): DocumentSymbolInfo[] {
  const out: DocumentSymbolInfo[] = [];
  for (const a of doc.script.assignments) {
    if (a.how === 'temporary' || a.unreached) continue;
    const value =
      a.name === 'RSYNC_PASSWORD'
        ? '(not shown)'
        : a.value === undefined
          ? '(computed when ftpsync starts)'
          : quote(a.value, 80);
    out.push({
      name: a.name,
      detail: `${value}${a.conditional ? ' (maybe)' : ''}`,
      kind: variable(a.name) ? 'property' : 'key',
      start: a.start,
      end: a.end,
      selection: { start: a.nameStart, end: a.nameEnd },
    });
  }
  for (const run of doc.script.runs) {
    if (run.kind === 'substitution') continue;
    const firstLine = run.text.split('\n')[0] ?? '';
    out.push({ name: `runs: ${firstLine.slice(0, 60)}`, kind: 'event', start: run.start, end: run.end });
  }
  return out.sort((x, y) => x.start - y.start);
}

export function folding(doc: FtpsyncDoc): FoldingInfo[] {
  const lineOf = lineIndex(doc.text);
  const out: FoldingInfo[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart)
      out.push({ startLine: blockStart, endLine: blockEnd, kind: 'comment' });
    blockStart = -1;
  };
  for (const c of doc.script.comments) {
    const line = lineOf(c.start).line;
    const alone = doc.text.slice(doc.text.lastIndexOf('\n', c.start - 1) + 1, c.start).trim() === '';
    if (!alone) continue;
    if (blockStart >= 0 && line === blockEnd + 1) blockEnd = line;
    else {
      flush();
      blockStart = line;
      blockEnd = line;
    }
  }
  flush();
  for (const st of doc.script.statements) {
    if (st.kind !== 'compound') continue;
    const start = lineOf(st.start).line;
    const end = lineOf(st.end).line;
    if (end > start) out.push({ startLine: start, endLine: end, kind: 'region' });
  }
  return out;
}

export function codeLenses(doc: FtpsyncDoc): CodeLensInfo[] {
  const host = lastAssignment(doc, 'RSYNC_HOST');
  if (!host) return [];
  return [
    { start: host.nameStart, end: host.end, title: 'Test upstream login', command: CLIENT_COMMANDS.testUpstreamLogin },
  ];
}
