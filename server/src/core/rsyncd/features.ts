import type { CompletionEntry, DocumentSymbolInfo, FoldingInfo, HoverInfo, LinkInfo, LocationInfo } from '../service';
import type { CheckContext, Span } from '../types';
import { directiveReads, includedSymbols, moduleAcrossFiles } from './include-features';
import { DAEMON_CWD, daemonPath } from './includes';
import { moduleOf } from './modules';
import { PARAMETERS, parameterByKey, type ParameterInfo } from './parameters';
import type { Entry, RsyncdDocument, Section } from './parser';
import { atoi, AUTH_DIGESTS, FACILITIES, LOG_ESCAPES, LONG_OPTIONS, parseBool, SOCKET_OPTIONS } from './values';

// Editor features of rsyncd.conf as pure functions of the parsed document and an offset.

/** The entry whose span holds `offset` (entries are in document order). */
export function entryAt(doc: RsyncdDocument, offset: number): Entry | undefined {
  const entries = doc.entries;
  let lo = 0;
  let hi = entries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (entries[mid].span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const e = entries[lo];
  return e && e.span.start <= offset && offset <= e.span.end ? e : undefined;
}

/** The section the text at `offset` belongs to. */
export function sectionAt(doc: RsyncdDocument, offset: number): Section {
  let lo = 0;
  let hi = doc.sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.sections[mid].span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return doc.sections[lo];
}

export function describeParameter(info: ParameterInfo): string {
  const scope =
    info.scope === 'global'
      ? 'global only (ignored inside a module)'
      : 'module (a value in the global part is the default for later modules)';
  return `**${info.name}**: ${info.type}, ${scope}. Default: ${info.default}.\n\n${info.doc}`;
}

/** What rsync makes of a value, when that differs from how it reads. */
function reading(info: ParameterInfo, value: string): string | undefined {
  if (info.type === 'bool' || info.type === 'bool3') {
    const b = parseBool(value, info.type === 'bool3');
    return b === undefined
      ? `rsync rejects \`${value}\` and keeps the default (${info.default}).`
      : `rsync reads: ${b === 'unset' ? 'unset' : b ? 'true' : 'false'}.`;
  }
  if (info.type === 'int') return `rsync reads: ${atoi(value).number}.`;
  return undefined;
}

export function hover(doc: RsyncdDocument, offset: number, ctx?: CheckContext): HoverInfo | undefined {
  const e = entryAt(doc, offset);
  if (!e) return undefined;
  if (e.kind === 'param') {
    const info = parameterByKey(e.key);
    if (!info)
      return { ...e.nameSpan, markdown: `**${e.name}**: not an rsync 3.5.0 parameter; the daemon ignores this line.` };
    const inModule =
      !e.section.isGlobal && info.scope === 'global'
        ? '\n\n**Ignored here**: global-only parameter inside a module.'
        : '';
    const read = reading(info, e.value);
    return { ...e.span, markdown: describeParameter(info) + inModule + (read ? `\n\n${read}` : '') };
  }
  if (e.kind === 'header') {
    if (e.error)
      return {
        ...e.span,
        markdown: 'Broken section header: rsync stops reading the file here and every client connection fails.',
      };
    if (e.isGlobal)
      return {
        ...e.span,
        markdown:
          '**[global]**: back to the global part. Later modules inherit module parameters set here; earlier modules keep bool/int values from when their header was read.',
      };
    const section = sectionAt(doc, e.span.start);
    const m = moduleOf(doc, section);
    const merged =
      m && m.sections.length > 1 ? `\n\nDefined in ${m.sections.length} sections that rsync merges into one.` : '';
    return {
      ...e.span,
      markdown: `**module \`${m?.name ?? e.name}\`**: clients request \`rsync://host/${m?.name ?? e.name}/\` (exact case).${merged}${moduleAcrossFiles(doc, e, section, ctx)}`,
    };
  }
  if (e.kind === 'directive') {
    const what =
      e.name === 'include'
        ? 'reads the file (or the `*.conf` files of a directory) with its own copy of the globals'
        : e.name === 'merge'
          ? 'reads the file (or the `*.inc` files of a directory) inline; its globals apply afterwards'
          : 'is not a directive rsync knows: fatal';
    return { ...e.span, markdown: `**&${e.name}** ${what}.${directiveReads(doc, e, ctx)}` };
  }
  return undefined;
}

export function complete(doc: RsyncdDocument, offset: number): CompletionEntry[] {
  const text = doc.text;
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  const prefix = text.slice(lineStart, offset);
  const lead = prefix.length - prefix.trimStart().length;
  const trimmed = prefix.trimStart();
  if (/^[#;]/.test(trimmed)) return [];
  if (trimmed.startsWith('['))
    return [
      {
        label: 'global',
        kind: 'keyword',
        detail: 'back to the global part',
        insertText: 'global]',
        range: { start: lineStart + lead + 1, end: offset },
      },
    ];
  if (trimmed.startsWith('&')) {
    const range = { start: lineStart + lead, end: offset };
    return ['include', 'merge'].map((d) => ({ label: `&${d}`, kind: 'keyword' as const, insertText: `&${d} `, range }));
  }
  const eq = prefix.indexOf('=');
  if (eq < 0) {
    const section = sectionAt(doc, offset);
    const range = { start: lineStart + lead, end: offset };
    return PARAMETERS.filter((p) => section.isGlobal || p.scope === 'module').map((p) => ({
      label: p.name,
      kind: 'property' as const,
      detail: `${p.scope} ${p.type}, default ${p.default}`,
      documentation: describeParameter(p),
      insertText: `${p.name} = `,
      range,
    }));
  }
  const info = parameterByKey(prefix.slice(0, eq).replace(/\s+/g, '').toLowerCase());
  if (!info) return [];
  const value = prefix.slice(eq + 1);
  const word = /[^\s,=]*$/.exec(value)?.[0] ?? '';
  const range: Span = { start: offset - word.length, end: offset };
  const values = (
    labels: readonly string[],
    kind: CompletionEntry['kind'] = 'value',
    docs?: Readonly<Record<string, string>>,
  ): CompletionEntry[] =>
    labels.map((label) => ({ label, kind, range, ...(docs?.[label] ? { documentation: docs[label] } : {}) }));
  switch (info.type) {
    case 'bool':
      return values(['yes', 'no', 'true', 'false']);
    case 'bool3':
      return values(['yes', 'no', 'unset']);
    case 'enum':
      return info.name === 'auth digest' ? values(AUTH_DIGESTS, 'enum') : values(FACILITIES, 'enum');
    case 'socket-options':
      return values(
        Object.keys(SOCKET_OPTIONS),
        'enum',
        Object.fromEntries(Object.entries(SOCKET_OPTIONS).map(([k, v]) => [k, v.doc])),
      );
    case 'option-list':
      return values(LONG_OPTIONS.filter((o) => !o.startsWith('no-')));
    case 'format': {
      const pct = /%['-\d]*$/.exec(value)?.[0];
      if (!pct) return [];
      const r = { start: offset - pct.length, end: offset };
      return Object.entries(LOG_ESCAPES).map(([k, d]) => ({
        label: `%${k}`,
        kind: 'value' as const,
        detail: d,
        insertText: `${pct}${k}`,
        filterText: `${pct}${k}`,
        range: r,
      }));
    }
    default:
      return [];
  }
}

export function symbols(doc: RsyncdDocument, ctx?: CheckContext): DocumentSymbolInfo[] {
  const out: DocumentSymbolInfo[] = [];
  for (const section of doc.sections) {
    const included = includedSymbols(doc, section, ctx);
    if (!section.header && section.params.length === 0 && !included.length) continue;
    const end = lastContentEnd(section);
    const lines: DocumentSymbolInfo[] = section.params.map((p) => ({
      name: p.name,
      detail: p.value,
      kind: 'property' as const,
      start: p.span.start,
      end: p.span.end,
      selection: p.nameSpan,
    }));
    const children = included.length ? [...lines, ...included].sort((a, b) => a.start - b.start) : lines;
    const h = section.header;
    const span = { start: h ? h.span.start : (children[0]?.start ?? 0), end: Math.max(end, h?.span.end ?? 0) };
    const m = moduleOf(doc, section);
    const detail = section.isGlobal
      ? 'global'
      : h?.error
        ? 'broken header'
        : m && m.sections[0] !== section
          ? `merged into [${m.name}]`
          : (m?.get('comment')?.value ?? '');
    out.push({
      name: section.isGlobal ? (h ? '[global]' : 'global') : `[${section.name}]`,
      kind: section.isGlobal ? 'namespace' : 'module',
      detail,
      ...span,
      selection: h ? h.nameSpan : span,
      children,
    });
  }
  return out;
}

function lastContentEnd(section: Section): number {
  const last = section.params[section.params.length - 1]?.span.end ?? 0;
  const dir = section.directives[section.directives.length - 1]?.span.end ?? 0;
  return Math.max(last, dir, section.header?.span.end ?? 0);
}

export function folding(doc: RsyncdDocument, lineOf: (offset: number) => { line: number }): FoldingInfo[] {
  const out: FoldingInfo[] = [];
  for (const section of doc.sections) {
    if (!section.header) continue;
    const startLine = lineOf(section.header.span.start).line;
    const endLine = lineOf(lastContentEnd(section)).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: 'region' });
  }
  let runStart = -1;
  let prev = -2;
  for (const e of doc.entries) {
    if (e.kind !== 'comment') continue;
    const line = lineOf(e.span.start).line;
    if (line !== prev + 1) {
      if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
      runStart = line;
    }
    prev = line;
  }
  if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: 'comment' });
  return out;
}

const LINKED = new Set(['path', 'file']);

export function links(doc: RsyncdDocument): LinkInfo[] {
  const out: LinkInfo[] = [];
  for (const section of doc.sections) {
    for (const p of section.params) {
      const info = parameterByKey(p.key);
      if (!info || !LINKED.has(info.type) || !p.value.startsWith('/') || p.value.includes('%')) continue;
      out.push({ ...p.valueSpan, target: p.value, tooltip: `Open ${info.name}` });
    }
    for (const d of section.directives) {
      if (d.argument === '') continue;
      const target = daemonPath(d.argument);
      out.push({
        ...d.argumentSpan,
        target,
        tooltip:
          target === d.argument
            ? `Open the &${d.name} target`
            : `Open ${target}: the daemon reads relative paths from its working directory, ${DAEMON_CWD}`,
      });
    }
  }
  return out;
}

/** From a repeated module header to the header that first defined it. */
export function definition(doc: RsyncdDocument, offset: number, ctx: CheckContext): LocationInfo[] {
  const e = entryAt(doc, offset);
  if (e?.kind !== 'header' || e.isGlobal || e.error || !ctx.path) return [];
  const m = moduleOf(doc, sectionAt(doc, e.span.start));
  if (!m || m.header === e) return [];
  return [{ target: ctx.path, start: m.header.nameSpan.start, end: m.header.nameSpan.end }];
}

/** Files whose change can change this document's diagnostics: secrets files and include targets. */
export function dependencies(doc: RsyncdDocument): string[] {
  const out = new Set<string>();
  for (const section of doc.sections) {
    for (const p of section.params) if (p.key === 'secretsfile' && p.value.startsWith('/')) out.add(p.value);
    for (const d of section.directives) if (d.argument !== '') out.add(daemonPath(d.argument));
  }
  return [...out];
}
